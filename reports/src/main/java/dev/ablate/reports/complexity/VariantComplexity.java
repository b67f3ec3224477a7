package dev.ablate.reports.complexity;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.ablate.core.registry.ComponentRegistry;
import dev.ablate.core.spi.AttentionConfig;
import dev.ablate.core.spi.ComplexityModel;
import dev.ablate.core.spi.PositionalConfig;
import dev.ablate.core.spi.ProblemSize;
import dev.ablate.reports.store.StoredExperiment;
import dev.ablate.store.VariantRecord;
import java.util.ArrayList;
import java.util.List;

/**
 * The paper's Table 1 for each variant of an experiment: its self-attention plugin's complexity model
 * plus what positions inside attention add, evaluated at the experiment's own sizes (n: the task's
 * longest source; d, h, d_k, kvHeads and causal: the variant's model).
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
        return of(experiment.variants(), experiment.sequenceLength(), registry);
    }

    /** One row per variant, at sequence length {@code n}. */
    public static List<VariantComplexity> of(List<VariantRecord> variants, long n, ComponentRegistry registry) {
        List<VariantComplexity> rows = new ArrayList<>();
        for (VariantRecord v : variants) {
            JsonNode model = v.model();
            long d = model.path("dModel").asLong(1);
            long h = model.path("heads").asLong(1);
            long dk = model.path("headDim").asLong(Math.max(1, d / h));
            long kvHeads = model.path("kvHeads").asLong(h);
            boolean causal = "decoder".equals(model.path("family").asText());
            ProblemSize size = new ProblemSize(n, d, h, dk, kvHeads, causal);
            JsonNode attention = model.path("attention");
            String id = attention.path("type").asText("?");
            try {
                AttentionConfig config = registry.json().mapper().treeToValue(attention, AttentionConfig.class);
                PositionalConfig positional = positional(registry, model.path("positional"));
                String label = registry.idOf(config)
                        + (positional != null && registry.capabilities(positional).insideAttention()
                                ? " + " + registry.idOf(positional) : "")
                        + (model.has("headDim") ? ", d_k=" + dk : "")
                        + (model.has("kvHeads") ? ", kvHeads=" + kvHeads : "");
                rows.add(new VariantComplexity(v.id(), label, size, registry.complexity(config, positional), null));
            } catch (JsonProcessingException | RuntimeException e) {
                rows.add(new VariantComplexity(v.id(), id, size, null,
                        "attention plugin '" + id + "' is not installed here, so its complexity model is unknown"));
            }
        }
        return List.copyOf(rows);
    }

    /** The variant's positional config, or {@code null} when the store predates it or its plugin is not installed. */
    private static PositionalConfig positional(ComponentRegistry registry, JsonNode positional) {
        if (positional.isMissingNode() || positional.isNull()) {
            return null;
        }
        try {
            return registry.json().mapper().treeToValue(positional, PositionalConfig.class);
        } catch (JsonProcessingException | RuntimeException e) {
            return null;
        }
    }
}
