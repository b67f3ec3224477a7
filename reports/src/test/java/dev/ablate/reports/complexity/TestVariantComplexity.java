package dev.ablate.reports.complexity;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ablate.core.registry.ComponentRegistry;
import dev.ablate.core.spi.AttentionConfig;
import dev.ablate.core.spi.PositionalConfig;
import dev.ablate.core.spi.ProblemSize;
import dev.ablate.store.VariantRecord;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Each variant's row: the attention's model at the variant's sizes, plus what positions inside attention add. */
final class TestVariantComplexity {

    private final ComponentRegistry registry = ComponentRegistry.discover(getClass().getClassLoader());
    private final ObjectMapper json = new ObjectMapper();

    @Test
    void positionsInsideAttentionAddTheirCostAndNameThemselves() throws Exception {
        List<VariantComplexity> rows = VariantComplexity.of(List.of(
                variant("paper", "{\"family\": \"encoder-decoder\", \"dModel\": 64, \"heads\": 4, "
                        + "\"attention\": {\"type\": \"full\"}, \"positional\": {\"type\": \"sinusoidal\"}}"),
                variant("alibi-gqa", "{\"family\": \"decoder\", \"dModel\": 64, \"heads\": 4, \"headDim\": 8, \"kvHeads\": 2, "
                        + "\"attention\": {\"type\": \"full\"}, \"positional\": {\"type\": \"alibi\"}}")), 32, registry);

        VariantComplexity paper = rows.get(0);
        assertThat(paper.attention()).isEqualTo("full");
        assertThat(paper.size()).isEqualTo(new ProblemSize(32, 64, 4));
        assertThat(paper.flops()).isEqualTo(registry.complexity(config("{\"type\": \"full\"}")).flops(paper.size()));

        VariantComplexity alibi = rows.get(1);
        assertThat(alibi.attention()).isEqualTo("full + alibi, d_k=8, kvHeads=2");
        ProblemSize size = new ProblemSize(32, 64, 4, 8, 2, true);
        assertThat(alibi.size()).isEqualTo(size);
        PositionalConfig positions = registry.json().mapper().readValue("{\"type\": \"alibi\"}", PositionalConfig.class);
        double attentionAlone = registry.complexity(config("{\"type\": \"full\"}")).flops(size);
        assertThat(alibi.flops()).isEqualTo(attentionAlone + registry.cost(positions).flops(size))
                .isGreaterThan(attentionAlone);
    }

    private AttentionConfig config(String text) throws Exception {
        return registry.json().mapper().readValue(text, AttentionConfig.class);
    }

    private VariantRecord variant(String id, String model) throws Exception {
        JsonNode config = json.readTree("{\"model\": " + model + "}");
        return new VariantRecord(id, "h-" + id, Map.of(), config);
    }
}
