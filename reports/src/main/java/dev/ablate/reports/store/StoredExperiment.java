package dev.ablate.reports.store;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ablate.core.error.DidYouMean;
import dev.ablate.core.error.UserException;
import java.nio.file.Path;
import java.util.List;

/**
 * Everything a report needs from a run store folder: experiment.json (the plan) and each run's
 * result.json and metrics.jsonl.
 *
 * @param metric the metric the spec evaluates by (the evaluation's {@code metric})
 * @param taskShape the task's vocabularies and longest lengths ({@code maxSourceLength}, ...)
 */
public record StoredExperiment(
        Path root,
        String name,
        String description,
        String hash,
        String baseline,
        List<Integer> seeds,
        String taskKind,
        JsonNode taskShape,
        List<MetricInfo> metrics,
        String metric,
        List<StoredVariant> variants,
        List<StoredRun> runs) {

    public List<StoredRun> runsOf(String variant) {
        return runs.stream().filter(r -> r.variant().equals(variant)).toList();
    }

    /**
     * The same experiment with {@code name} heading its report instead of the spec's metric.
     *
     * @throws UserException if the experiment's runs do not have that metric
     */
    public StoredExperiment headedBy(String name) {
        List<String> known = metrics.stream().map(MetricInfo::name).toList();
        if (!known.contains(name)) {
            throw new UserException("unknown metric '" + name + "' for " + root + "; its runs have: "
                    + String.join(", ", known) + "." + DidYouMean.hint(name, known));
        }
        return new StoredExperiment(root, this.name, description, hash, baseline, seeds, taskKind, taskShape, metrics, name,
                variants, runs);
    }

    public MetricInfo metricInfo(String name) {
        return metrics.stream().filter(m -> m.name().equals(name)).findFirst()
                .orElse(new MetricInfo(name, !name.equals("loss") && !name.equals("perplexity")));
    }

    /** The sequence length complexity is evaluated at: the longest source (or, decoder-only, context). */
    public long sequenceLength() {
        return Math.max(1, taskShape.path("maxSourceLength").asLong(1));
    }
}
