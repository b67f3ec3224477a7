package dev.ablate.reports.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.ablate.core.error.UserException;
import dev.ablate.core.registry.ComponentRegistry;
import dev.ablate.reports.accuracy.Comparison;
import dev.ablate.reports.accuracy.VariantSummary;
import dev.ablate.reports.store.FixtureStore;
import dev.ablate.reports.store.StoredExperiment;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class TestReport {

    @TempDir
    Path dir;

    private final ComponentRegistry registry = ComponentRegistry.discover(getClass().getClassLoader());

    @Test
    void comparisonSummarizesCompletedRunsAndNamesTheOthers() {
        Comparison c = Comparison.of(StoredExperiment.read(FixtureStore.write(dir)));
        VariantSummary full = row(c, "attention=full");
        assertThat(full.baseline()).isTrue();
        assertThat(full.metrics().get("accuracy").mean()).isCloseTo(0.92, within(1e-12));
        assertThat(full.metrics().get("accuracy").std()).isCloseTo(0.02, within(1e-12));
        assertThat(full.deltas()).isEmpty();

        VariantSummary restricted = row(c, "attention=restricted(window=2)");
        assertThat(restricted.completed()).isEqualTo(2);
        assertThat(restricted.notes()).containsExactly("seed 3 diverged at step 40");
        // paired on seeds 1 and 2: 0.50 − 0.90, 0.52 − 0.94 → −0.40, −0.42
        assertThat(restricted.deltas().get("accuracy").seeds()).containsExactly(1, 2);
        assertThat(restricted.deltas().get("accuracy").difference().mean()).isCloseTo(-0.41, within(1e-12));
        assertThat(restricted.deltas().get("accuracy").withinNoise()).isFalse();

        VariantSummary additive = row(c, "attention=additive");
        assertThat(additive.notes()).containsExactly("seed 3 failed: boom");
        assertThat(additive.parameters()).isEqualTo(6000);
        // 0.91 − 0.90 and 0.95 − 0.94: a difference of exactly 0.01 twice, no spread
        assertThat(additive.deltas().get("accuracy").difference().mean()).isCloseTo(0.01, within(1e-12));
        assertThat(additive.trainTokensPerSecond().mean()).isCloseTo(810, within(1e-9));

        assertThat(c.best(c.experiment().descriptor("accuracy"))).containsExactly("attention=additive");
        assertThat(c.best(c.experiment().descriptor("loss"))).containsExactly("attention=additive");
    }

    @Test
    void writesEveryFileFromTheStoreAlone() throws Exception {
        FixtureStore.write(dir);
        ReportWriter.Written w = new ReportWriter(registry).write(dir, "test");

        String md = Files.readString(w.markdown());
        assertThat(md).contains("# fixture", "| attention=full (baseline) | 5,000 | 0.92 ± 0.02 |",
                "**0.93 ± 0.02828**", "−0.41 [−0.5371, −0.2829]", "seed 3 diverged at step 40", "2 of 3 (seed 3 failed: boom)", "3 of 3",
                "O(n²·d)", "O(r·n·d)", "FLOPs per layer (n=24, d=32, h=4)", "![Training loss](charts/curve-train-loss.svg)");
        // every chart Markdown links exists and is a well-formed SVG document
        Matcher links = Pattern.compile("\\]\\((charts/[^)]+\\.svg)\\)").matcher(md);
        int charts = 0;
        while (links.find()) {
            Path svg = dir.resolve(links.group(1));
            assertThat(svg).exists();
            var root = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(svg.toFile()).getDocumentElement();
            assertThat(root.getTagName()).isEqualTo("svg");
            charts++;
        }
        assertThat(charts).isEqualTo(w.charts().size()).isGreaterThanOrEqualTo(4);

        String html = Files.readString(w.html());
        // self-contained: nothing to fetch (namespace names are identifiers, not requests)
        assertThat(html.replaceAll("xmlns(:\\w+)?=\"http[^\"]*\"", "")).doesNotContain("<script", "http:", "https:",
                "src=", "<link", "url(h", "url(\"", "url('");
        assertThat(Pattern.compile("<figure class=\"chart\"").matcher(html).results().count()).isEqualTo(charts);
        assertThat(Pattern.compile("<svg").matcher(html).results().count()).isEqualTo(charts);
        assertThat(html).contains("<td class=\"num best\"><strong>0.93 ± 0.02828</strong></td>", "seed 3 failed: boom");
    }

    @Test
    void anotherMetricCanHeadTheReport() throws IOException {
        FixtureStore.write(dir);
        String byAccuracy = Files.readString(new ReportWriter(registry).write(dir, "test").markdown());
        assertThat(byAccuracy).contains("## Accuracy: accuracy", "| accuracy ↑ mean ± std |");

        String byLoss = Files.readString(new ReportWriter(registry).write(dir, "test", "loss").markdown());
        assertThat(byLoss).contains("## Accuracy: loss", "| loss ↓ mean ± std |").doesNotContain("accuracy ↑ mean ± std");
        // the lowest loss is the best now: additive's (1 − 0.93)
        assertThat(byLoss).contains("**0.07 ± 0.02828**");

        assertThatThrownBy(() -> new ReportWriter(registry).write(dir, "test", "acuracy"))
                .isInstanceOf(UserException.class)
                .hasMessage("unknown metric 'acuracy' for " + dir + "; its runs have: loss, accuracy. Did you mean 'accuracy'?");
    }

    @Test
    void resultsJsonIsTheSummariesAndTheRuns() throws IOException {
        FixtureStore.write(dir);
        new ReportWriter(registry).write(dir, "test");
        JsonMapper json = JsonMapper.builder().build();
        JsonNode read = json.readTree(dir.resolve("results.json").toFile());
        StoredExperiment e = StoredExperiment.read(dir);
        JsonNode expected = json.valueToTree(ResultsJson.of(Comparison.of(e),
                dev.ablate.reports.complexity.VariantComplexity.of(e, registry), List.of()));
        // as text: a number Jackson reads back as an int was written from a long
        assertThat(read.toString()).isEqualTo(expected.toString());
        assertThat(read.path("runs")).hasSize(9);
        assertThat(read.at("/runs/5/status").asText()).isEqualTo("diverged");
        JsonNode full = read.path("variants").get(0);
        assertThat(full.path("variant").asText()).isEqualTo("attention=full");
        assertThat(full.at("/metrics/accuracy/low").asDouble()).isCloseTo(0.92 - 4.302653 * 0.02 / Math.sqrt(3), within(1e-6));
        assertThat(full.at("/complexity/perLayer").asText()).isEqualTo("O(n²·d)");
        assertThat(read.path("variants").get(1).at("/deltas/accuracy/withinNoise").isBoolean()).isTrue();
        // a single-seed spread is null, not NaN: the file stays valid JSON
        assertThat(Files.readString(dir.resolve("results.json"))).doesNotContain("NaN");
    }

    @Test
    void resultsCsvRoundTripsOneRowPerPlannedRun() throws IOException {
        FixtureStore.write(dir);
        new ReportWriter(registry).write(dir, "test");
        StoredExperiment e = StoredExperiment.read(dir);
        List<java.util.Map<String, String>> read = ResultsCsv.read(Files.readString(dir.resolve("results.csv")));
        assertThat(read).isEqualTo(ResultsCsv.rows(e));
        assertThat(read).hasSize(9);
        assertThat(read.get(5)).containsEntry("status", "diverged").containsEntry("divergedAtStep", "40")
                .containsEntry("accuracy", "");
        assertThat(read.get(8)).containsEntry("error", "boom");
        assertThat(read.get(0)).containsEntry("accuracy", "0.9").containsEntry("variant", "attention=full");
    }

    @Test
    void rebuildingGivesTheSameBytes() throws IOException {
        FixtureStore.write(dir);
        ReportWriter writer = new ReportWriter(registry);
        ReportWriter.Written w = writer.write(dir, "test");
        String md = Files.readString(w.markdown());
        String html = Files.readString(w.html());
        writer.write(dir, "test");
        assertThat(Files.readString(w.markdown())).isEqualTo(md);
        assertThat(Files.readString(w.html())).isEqualTo(html);
    }

    @Test
    void aBenchInTheFolderBecomesASectionAndHasItsOwnPages() throws Exception {
        FixtureStore.write(dir);
        FixtureStore.writeBench(dir);
        ReportWriter.Written w = new ReportWriter(registry).write(dir, "test");
        String md = Files.readString(w.markdown());
        assertThat(md).contains("## Attention scaling benchmark", "| full | 2.00 | 2.00 |",
                "| restricted(window=32) | 1.00 | 1.00 |", "out of memory", "![Time against n (log-log)](charts/bench-time.svg)");
        assertThat(w.charts()).contains(dir.resolve("charts/bench-time.svg"), dir.resolve("charts/bench-memory.svg"));

        BenchReport.Written bench = BenchReport.write(dir, dev.ablate.reports.bench.BenchResult.read(dir.resolve("bench.json")), "test");
        assertThat(Files.readString(bench.markdown())).startsWith("# Attention scaling benchmark")
                .contains("d_model = 64, 4 heads, batch 1, on cpu", "| full | 0.6554 ms, 4.00 MiB |");
        String html = Files.readString(bench.html());
        assertThat(Pattern.compile("<svg").matcher(html).results().count()).isEqualTo(2);
        for (Path svg : bench.charts()) {
            var root = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(svg.toFile()).getDocumentElement();
            assertThat(root.getTagName()).isEqualTo("svg");
        }
    }

    private static VariantSummary row(Comparison c, String variant) {
        return c.rows().stream().filter(r -> r.variant().equals(variant)).findFirst().orElseThrow();
    }
}
