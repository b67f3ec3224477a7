package dev.ablate.reports.complexity;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.ablate.core.registry.ComponentRegistry;
import dev.ablate.core.spi.AttentionConfig;
import dev.ablate.core.spi.ComplexityModel;
import dev.ablate.core.spi.ProblemSize;
import dev.ablate.reports.store.StoredExperiment;
import dev.ablate.store.VariantRecord;
import java.util.ArrayList;
import java.util.List;

/**
 * The paper's Table 1 for each variant of an experiment: its self-attention plugin's complexity model,
 * evaluated at the experiment's own sizes (n: the task's longest source, d and h: the variant's model).
 *
 * @param complexity {@code null} when the plugin is not installed here (a store copied from a machine
 *     with a third-party plugin); {@code problem} then says so
 */
public record VariantComplexity(String variant, String attention, ProblemSize size, ComplexityModel complexity,
        String problem) {

    public double flops() {
        return complexity == null ? Double.NaN : complexity.flops(size);
    }

    public double activationBytes() {
        return complexity == null ? Double.NaN : complexity.activationBytes(size);
    }

    public static List<VariantComplexity> of(StoredExperiment experiment, ComponentRegistry registry) {
        List<VariantComplexity> rows = new ArrayList<>();
        for (VariantRecord v : experiment.variants()) {
            JsonNode model = v.model();
            ProblemSize size = new ProblemSize(experiment.sequenceLength(), model.path("dModel").asLong(1),
                    model.path("heads").asLong(1));
            JsonNode attention = model.path("attention");
            String id = attention.path("type").asText("?");
            try {
                AttentionConfig config = registry.json().mapper().treeToValue(attention, AttentionConfig.class);
                rows.add(new VariantComplexity(v.id(), registry.idOf(config), size, registry.complexity(config), null));
            } catch (JsonProcessingException | RuntimeException e) {
                rows.add(new VariantComplexity(v.id(), id, size, null,
                        "attention plugin '" + id + "' is not installed here, so its complexity model is unknown"));
            }
        }
        return List.copyOf(rows);
    }
}
