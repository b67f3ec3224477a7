package dev.ablate.cli;

import static dev.ablate.cli.CommandResult.run;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `ablate check` on hand-written run stores: one claim true, one false, one undecidable, and their exit statuses. */
final class TestCheckCommand {

    @TempDir
    Path dir;

    private static final String TRUE = "{\"variant\": \"a\", \"vs\": \"b\", \"metric\": \"accuracy\", \"direction\": \"higher\"}";
    private static final String FALSE = "{\"variant\": \"a\", \"vs\": \"b\", \"metric\": \"accuracy\", \"direction\": \"lower\"}";
    private static final String UNDECIDED = "{\"variant\": \"c\", \"vs\": \"b\", \"metric\": \"accuracy\", \"direction\": \"higher\"}";

    /** a beats b by about 0.1 on every seed; c is b plus noise that goes both ways. */
    private Path store(String claims) throws IOException {
        Map<String, double[]> accuracy = new LinkedHashMap<>();
        accuracy.put("b", new double[] {0.50, 0.60, 0.70});
        accuracy.put("a", new double[] {0.60, 0.72, 0.81});
        accuracy.put("c", new double[] {0.55, 0.57, 0.72});
        return HandStore.write(dir.resolve("store-" + Math.abs(claims.hashCode())), claims, accuracy, 0.1);
    }

    @Test
    void confirmedRefutedAndInconclusiveGiveZeroThreeAndFour() throws IOException {
        CommandResult confirmed = run("check", store(TRUE).toString());
        assertThat(confirmed.status()).as(confirmed.err()).isZero();
        assertThat(confirmed.out()).startsWith("CONFIRMED    a higher than b on accuracy\n")
                .contains("Δ = +0.1100 over 3 seed(s)", "1 confirmed");

        CommandResult refuted = run("check", store(TRUE + ", " + FALSE + ", " + UNDECIDED).toString());
        assertThat(refuted.status()).as("a refuted claim wins over an inconclusive one").isEqualTo(3);
        assertThat(refuted.out()).contains("REFUTED      a lower than b on accuracy", "INCONCLUSIVE c higher than b on accuracy",
                "about 38 seeds would settle it at this spread", "1 confirmed, 1 refuted, 1 inconclusive");

        CommandResult inconclusive = run("check", store(TRUE + ", " + UNDECIDED).toString());
        assertThat(inconclusive.status()).isEqualTo(4);

        CommandResult json = run("check", store(TRUE + ", " + FALSE + ", " + UNDECIDED).toString(), "--json");
        JsonNode verdicts = new ObjectMapper().readTree(json.out());
        assertThat(verdicts).hasSize(3);
        assertThat(verdicts.get(1).get("outcome").asText()).isEqualTo("REFUTED");
        assertThat(verdicts.get(1).get("variant").asText()).isEqualTo("a");
        assertThat(verdicts.get(2).get("seedsNeeded").asInt()).isEqualTo(38);
    }

    @Test
    void theReportAndResultsJsonCarryTheVerdictsAtTheTop() throws IOException {
        Path root = store(TRUE + ", " + FALSE + ", " + UNDECIDED);
        CommandResult report = run("report", root.toString());
        assertThat(report.status()).as(report.err()).isZero();
        String markdown = Files.readString(root.resolve("report.md"));
        assertThat(markdown.indexOf("## Expectations")).isPositive().isLessThan(markdown.indexOf("## Accuracy"));
        assertThat(markdown).contains("| a higher than b on accuracy | **CONFIRMED** | +0.11 | [0.08516, 0.1348] | 3 |",
                "| a lower than b on accuracy | REFUTED |", "| c higher than b on accuracy | INCONCLUSIVE |");
        assertThat(Files.readString(root.resolve("report.html"))).contains("<h2 id=\"expectations\">Expectations</h2>");
        JsonNode results = new ObjectMapper().readTree(root.resolve("results.json").toFile());
        assertThat(results.at("/verdicts/0/outcome").asText()).isEqualTo("CONFIRMED");
        assertThat(results.at("/verdicts/0/difference/low").asDouble()).isBetween(0.0851, 0.0852);
    }

    @Test
    void aStoreWithoutClaimsChecksOkAndSaysSo() throws IOException {
        Path root = store("");
        CommandResult r = run("check", root.toString());
        assertThat(r.status()).isZero();
        assertThat(r.out()).contains("the spec states no expectations");
        assertThat(run("check", dir.resolve("nothing").toString()).status()).isEqualTo(2);
    }
}
