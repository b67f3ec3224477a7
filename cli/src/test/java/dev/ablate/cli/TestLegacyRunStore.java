package dev.ablate.cli;

import static dev.ablate.cli.CommandResult.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run store written by Ablate before the run-store redesign (commit d99b7a2), checked in under
 * src/test/resources/legacy-store: spec.json's sweep of 4 runs, killed with SIGKILL while the third
 * trained. store/ is what it left: two completed runs, one with a checkpoint at step 20 of 80, one
 * never started. uninterrupted/ holds what that version wrote for the last two runs when nothing
 * interrupted it. Today's code must report that store and resume it to the same numbers.
 */
final class TestLegacyRunStore {

    private static final Path FIXTURE = Path.of("src", "test", "resources", "legacy-store");
    private static final String RESTRICTED = "attention=restricted(window=2)";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path temp;

    @Test
    void reportsAndResumesToTheNumbersOfTheOldVersion() throws IOException {
        Path store = copy(FIXTURE.resolve("store"), temp.resolve("store"));
        Path spec = Files.copy(FIXTURE.resolve("spec.json"), temp.resolve("spec.json"));

        CommandResult report = run("report", store.toString());
        assertThat(report.status()).as(report.err()).isZero();
        JsonNode results = JSON.readTree(store.resolve("results.json").toFile());
        assertThat(results.path("runs")).hasSize(2);
        assertThat(results.path("variants").get(0).path("metrics").path("accuracy").path("mean").asDouble())
                .isEqualTo((0.45 + 0.5) / 2, within(1e-12));
        assertThat(Files.readString(store.resolve("report.md")))
                .contains("seed 1 unfinished").contains("seed 2 not run");

        CommandResult status = run("status", store.toString());
        assertThat(status.status()).as(status.err()).isZero();
        assertThat(status.out()).contains("legacy-store: 4 runs: 1 pending, 1 interrupted, 2 completed")
                .containsPattern(RESTRICTED.replace("(", "\\(").replace(")", "\\)")
                        + " +1 +interrupted +20/80 +no worker; resumes on the next run or submit \\(last logged ");

        CommandResult resumed = run("run", spec.toString(), "--out", store.toString(), "--device", "cpu");
        assertThat(resumed.status()).as(resumed.err()).isZero();
        assertThat(run("status", store.toString()).out()).contains(": 4 runs: 4 completed");
        JsonNode statusJson = JSON.readTree(run("status", store.toString(), "--json").out());
        assertThat(statusJson.at("/runs/3/state").asText()).isEqualTo("completed");
        assertThat(statusJson.at("/runs/3/steps").asInt()).isEqualTo(80);
        assertThat(resumed.out())
                .contains("run 1/4 attention=full seed 1: skipped (already completed)")
                .contains("run 3/4 " + RESTRICTED + " seed 1: 674 parameters, 80 steps, resuming at step 20");
        for (int seed : List.of(1, 2)) {
            Path run = store.resolve(RESTRICTED).resolve("seed-" + seed);
            Path old = FIXTURE.resolve("uninterrupted").resolve(RESTRICTED).resolve("seed-" + seed);
            assertSameRun(run, old);
        }
    }

    /**
     * The same result and the same metrics.jsonl, step by step, as the old version's uninterrupted
     * run. The old checkpoint's weights were written on another machine, so losses may differ in the
     * last bits of a float; everything else must be equal.
     */
    private static void assertSameRun(Path run, Path old) throws IOException {
        JsonNode result = JSON.readTree(run.resolve("result.json").toFile());
        JsonNode expected = JSON.readTree(old.resolve("result.json").toFile());
        for (String field : List.of("variant", "variantHash", "seed", "status", "split", "checkpoint", "bestStep", "steps",
                "parameters")) {
            assertThat(result.path(field)).as(field).isEqualTo(expected.path(field));
        }
        assertThat(result.at("/metrics/accuracy").asDouble()).isEqualTo(expected.at("/metrics/accuracy").asDouble());
        assertThat(result.at("/metrics/loss").asDouble()).isCloseTo(expected.at("/metrics/loss").asDouble(), within(1e-6));

        List<JsonNode> lines = lines(run.resolve("metrics.jsonl"));
        List<JsonNode> expectedLines = lines(old.resolve("metrics.jsonl"));
        assertThat(lines).hasSameSizeAs(expectedLines);
        for (int i = 0; i < lines.size(); i++) {
            JsonNode line = lines.get(i);
            JsonNode want = expectedLines.get(i);
            assertThat(line.path("step")).isEqualTo(want.path("step"));
            assertThat(line.path("split")).isEqualTo(want.path("split"));
            assertThat(line.path("loss").asDouble()).as("loss at line %d", i + 1)
                    .isCloseTo(want.path("loss").asDouble(), within(1e-6));
        }
    }

    private static List<JsonNode> lines(Path file) throws IOException {
        List<JsonNode> lines = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            lines.add(JSON.readTree(line));
        }
        return lines;
    }

    private static Path copy(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path f : files.toList()) {
                Path target = to.resolve(from.relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(f, target);
                }
            }
        }
        return to;
    }
}
