package dev.ablate.reports.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class TestBenchResult {

    private static BenchResult sample() {
        Map<String, JsonNode> variants = new LinkedHashMap<>();
        variants.put("full", new ObjectMapper().createObjectNode().put("type", "full").put("scaled", true).put("dropout", 0.0));
        variants.put("restricted(window=32)", new ObjectMapper().createObjectNode().put("type", "restricted")
                .put("window", 32).put("dropout", 0.0));
        BenchSettings settings = new BenchSettings(64, 4, 1, "cpu", 2, 5, 600, null, List.of(512, 1024), variants,
                "cpu: peak resident memory above baseline", Map.of("ablate", "0.1.0"));
        return BenchResult.of(List.of(
                BenchPoint.measured("full", 512, 1.25, 4_000_000L, List.of(1.5, 1.25, 1.0, 1.25, 2.0)),
                BenchPoint.measured("full", 1024, 5.0, 16_000_000L, List.of(5.0)),
                BenchPoint.measured("restricted(window=32)", 512, 0.5, null, List.of(0.5)),
                BenchPoint.failed("restricted(window=32)", 1024, "timed out after 600 s")), settings);
    }

    @Test
    void writesTheDocumentedShape() throws Exception {
        JsonNode json = new ObjectMapper().readTree(sample().toJson());
        assertThat(json.fieldNames()).toIterable().containsExactly("points", "fits", "settings");
        JsonNode first = json.get("points").get(0);
        assertThat(first.get("variant").asText()).isEqualTo("full");
        assertThat(first.get("n").asInt()).isEqualTo(512);
        assertThat(first.get("timeMs").asDouble()).isEqualTo(1.25);
        assertThat(first.get("memoryBytes").asLong()).isEqualTo(4_000_000L);
        assertThat(first.has("error")).as("no error field when measured").isFalse();
        JsonNode notMeasured = json.get("points").get(2);
        assertThat(notMeasured.get("memoryBytes").isNull()).as("memory not measured is an explicit null").isTrue();
        JsonNode failed = json.get("points").get(3);
        assertThat(failed.get("error").asText()).isEqualTo("timed out after 600 s");
        assertThat(failed.get("timeMs").isNull()).isTrue();
        assertThat(json.at("/fits/0/variant").asText()).isEqualTo("full");
        assertThat(json.at("/fits/0/timeSlope").asDouble()).isCloseTo(2.0, within(1e-12));
        assertThat(json.at("/fits/1/timeSlope").isNull()).isTrue();
        assertThat(json.at("/settings/dModel").asInt()).isEqualTo(64);
        assertThat(json.at("/settings/variants/restricted(window=32)/window").asInt()).isEqualTo(32);
    }

    @Test
    void roundTripsThroughTheFileAtomically(@TempDir Path dir) throws Exception {
        BenchResult result = sample();
        Path file = dir.resolve("out/bench").resolve(BenchResult.FILE);
        result.write(file);
        result.write(file);
        assertThat(BenchResult.read(file)).isEqualTo(result);
        try (var files = Files.list(file.getParent())) {
            assertThat(files).as("no temporary file left behind").containsExactly(file);
        }
    }

    @Test
    void readsFilesWithFieldsItDoesNotKnow() throws Exception {
        String json = """
                {"points": [{"variant": "full", "n": 512, "timeMs": 1.2, "memoryBytes": 123, "gpu": "x"}],
                 "fits": [{"variant": "full", "timeSlope": 1.98, "memorySlope": 2.0}], "later": 1}""";
        BenchResult read = BenchResult.fromJson(json);
        assertThat(read.points()).containsExactly(BenchPoint.measured("full", 512, 1.2, 123L, List.of()));
        assertThat(read.fits().get(0).timeSlope()).isEqualTo(1.98);
        assertThat(read.settings()).isNull();
    }
}
