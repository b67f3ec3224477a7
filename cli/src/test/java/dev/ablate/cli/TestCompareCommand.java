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

/** `ablate compare OLD NEW` on hand-written stores of one spec. */
final class TestCompareCommand {

    @TempDir
    Path dir;

    private static Map<String, double[]> accuracy(double[] full, double[] small) {
        Map<String, double[]> a = new LinkedHashMap<>();
        a.put("full", full);
        a.put("small", small);
        return a;
    }

    private static final double[] FULL = {0.90, 0.94, 0.92};
    private static final double[] SMALL = {0.80, 0.83, 0.85};

    @Test
    void aDeliberatelyWorseVariantIsFlaggedRegressed() throws IOException {
        Path old = HandStore.write(dir.resolve("old"), "", accuracy(FULL, SMALL), 0.1);
        // "small" lost 0.10, 0.12 and 0.11 on the three seeds; "full" moved by noise both ways.
        Path worse = HandStore.write(dir.resolve("new"), "", accuracy(new double[] {0.91, 0.93, 0.925},
                new double[] {0.70, 0.71, 0.74}), 0.3);
        CommandResult r = run("compare", old.toString(), worse.toString());
        assertThat(r.status()).as(r.err()).isEqualTo(3);
        assertThat(r.out()).containsPattern("small +accuracy +0\\.8267 ± 0\\.0252 +0\\.7167 ± 0\\.0208 +-0\\.1100 "
                + "\\[-0\\.1348, -0\\.08516\\] +3 +REGRESSED");
        assertThat(r.out()).as("loss is 1 − accuracy here: it rose by 0.11, which is worse too")
                .containsPattern("small +loss .* \\+0\\.1100 \\[0\\.08516, 0\\.1348\\] +3 +REGRESSED");
        assertThat(r.out()).containsPattern("full +accuracy .* SAME");
        assertThat(r.out()).contains("config differences:", "full: model.dropout: 0.1 → 0.3");
        String page = Files.readString(worse.resolve("compare.md"));
        assertThat(page).contains("| small | accuracy ↑ | 0.8267 ± 0.02517 | 0.7167 ± 0.02082 | −0.11 | [−0.1348, −0.08516] | 3 | REGRESSED |",
                "- small: model.dropout: 0.1 → 0.3");
        assertThat(worse.resolve("compare.html")).content().contains("<td class=\"\">REGRESSED</td>");

        JsonNode json = new ObjectMapper().readTree(run("compare", old.toString(), worse.toString(), "--json",
                "--metric", "accuracy").out());
        assertThat(json.get("rows")).hasSize(2);
        assertThat(json.at("/rows/1/change").asText()).isEqualTo("REGRESSED");
    }

    @Test
    void twoRunsOfOneSpecOnOneMachineAreTheSame() throws IOException {
        Path old = HandStore.write(dir.resolve("old"), "", accuracy(FULL, SMALL), 0.1);
        Path again = HandStore.write(dir.resolve("again"), "", accuracy(FULL, SMALL), 0.1);
        CommandResult r = run("compare", old.toString(), again.toString());
        assertThat(r.status()).as(r.err()).isZero();
        assertThat(r.out()).doesNotContain("REGRESSED").doesNotContain("IMPROVED").doesNotContain("config differences");
        assertThat(Files.readString(again.resolve("compare.md"))).contains("None: every variant's resolved config is the same");
    }

    @Test
    void aDivergedRunOnlyInTheNewStoreCountsAsZeroAccuracy() throws IOException {
        Path old = HandStore.write(dir.resolve("old"), "", accuracy(FULL, SMALL), 0.1);
        Path diverged = HandStore.write(dir.resolve("new"), "", accuracy(FULL, new double[] {0.80, Double.NaN, 0.85}), 0.1);
        CommandResult r = run("compare", old.toString(), diverged.toString(), "--metric", "accuracy");
        assertThat(r.out()).containsPattern("small +accuracy .* SAME")
                .as("−0.83 on one seed, 0 on two: the interval is wide, and says so");
        assertThat(Files.readString(diverged.resolve("compare.md")))
                .contains("small, accuracy: new: small seed 2 diverged: counted as accuracy 0, the worst");
        CommandResult unknown = run("compare", old.toString(), diverged.toString(), "--metric", "acuracy");
        assertThat(unknown.status()).isEqualTo(2);
        assertThat(unknown.err()).contains("Did you mean 'accuracy'?");
    }
}
