package dev.ablate.store;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ablate.core.model.TaskShape;
import java.util.List;

/**
 * experiment.json: the resolved spec, its hash and what reports need without loading the task.
 *
 * @param experiment the experiment's name
 * @param hash a digest of the task, the variants' hashes and the seeds
 * @param spec the spec as read, every default filled in
 * @param baseline the variant id reports compare against
 * @param seeds the training seeds, in spec order
 * @param taskKind {@code sequence-to-sequence}, {@code language-model} or {@code classification}
 * @param taskShape vocabulary sizes and the longest sequences (complexity is evaluated at them)
 * @param metrics every metric an evaluation of the task reports, in the task's order
 * @param variants every variant, in plan order
 */
public record ExperimentRecord(
        String experiment,
        String hash,
        JsonNode spec,
        String baseline,
        List<Integer> seeds,
        String taskKind,
        TaskShape taskShape,
        List<MetricDescriptor> metrics,
        List<VariantRecord> variants) {

    /** The spec's free-text description, or null. */
    public String description() {
        JsonNode d = spec == null ? null : spec.get("description");
        return d != null && d.isTextual() ? d.asText() : null;
    }
}
