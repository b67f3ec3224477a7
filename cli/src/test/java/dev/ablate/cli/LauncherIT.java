package dev.ablate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the built distribution the way users do (bin/ablate: module path plus the natives on the
 * class path), which unit tests on surefire's class path cannot: a missing {@code requires},
 * {@code opens} or JAR fails here.
 */
final class LauncherIT {

    private record Result(int status, String out, String err) {}

    private static Result ablate(String... args) throws IOException, InterruptedException {
        Path dist = Path.of(System.getProperty("ablate.dist"));
        List<String> command = new ArrayList<>(List.of("bash", dist.resolve("bin/ablate").toString()));
        command.addAll(List.of(args));
        Path out = Files.createTempFile("ablate-out", ".txt");
        Path err = Files.createTempFile("ablate-err", ".txt");
        Process p = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("ablate finished").isTrue();
        Result r = new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
        Files.delete(out);
        Files.delete(err);
        return r;
    }

    @Test
    void listsThePluginsAsJson() throws Exception {
        Result r = ablate("plugins", "--json");
        assertThat(r.status()).as(r.err()).isZero();
        JsonNode plugins = new ObjectMapper().readTree(r.out());
        assertThat(plugins).hasSize(10);
        assertThat(plugins.get(0).get("source").asText()).startsWith("dev.ablate.attention (ablate-attention-");
    }

    @Test
    void trainsATinyModelThroughTheEngine() throws Exception {
        Result r = ablate("info", "--device", "cpu");
        assertThat(r.status()).as(r.err()).isZero();
        assertThat(r.out()).contains("engine    PyTorch 2.7.1").contains("check     ok:");
    }

    @Test
    void reportsUserErrorsWithoutAStackTrace() throws Exception {
        Result r = ablate("plugins", "--kind", "attention", "restrictd");
        assertThat(r.status()).isEqualTo(2);
        assertThat(r.err().strip()).isEqualTo("ablate: unknown attention plugin 'restrictd'; known attention plugins: "
                + "additive, full, restricted. Did you mean 'restricted'?");
    }

    @Test
    void runsASpecEndToEndAndSkipsFinishedRunsWhenRunAgain(@TempDir Path dir) throws Exception {
        Path spec = Files.writeString(dir.resolve("tiny.json"), """
                {"name": "tiny", "task": {"type": "reverse", "length": 4, "vocabSize": 6, "trainSize": 64, "validSize": 8, "testSize": 8},
                 "base": {"model": {"layers": 1, "dModel": 16, "heads": 2, "dFF": 32},
                          "training": {"steps": 6, "batchSize": 8, "evalEvery": 3},
                          "evaluation": {"decoding": {"type": "beam", "size": 2}}},
                 "axes": {"model.attention": [{"type": "full"}, {"type": "additive"}]},
                 "seeds": [1]}
                """);
        Path runs = dir.resolve("runs");
        Result first = ablate("run", spec.toString(), "--out", runs.toString(), "--device", "cpu");
        assertThat(first.status()).as(first.err()).isZero();
        assertThat(first.out()).contains("run 2/2 attention=additive seed 1: completed").contains("trained 2 run(s), skipped 0");
        JsonNode results = new ObjectMapper().readTree(runs.resolve("results.json").toFile());
        assertThat(results.get("experiment").asText()).isEqualTo("tiny");
        assertThat(results.get("runs")).hasSize(2);
        JsonNode run = results.get("runs").get(0);
        assertThat(run.get("status").asText()).isEqualTo("completed");
        assertThat(run.at("/metrics/exactMatch").isNumber()).isTrue();
        assertThat(run.at("/metrics/bleu").isNumber()).isTrue();
        assertThat(run.get("parameters").asLong()).isPositive();
        assertThat(run.at("/versions/pytorch").asText()).isEqualTo("2.7.1");
        assertThat(runs.resolve("attention=full/seed-1/checkpoint/state.json")).exists();
        // the run ends with the report, and `ablate report` rebuilds it from the store alone
        assertThat(first.out()).contains("report: " + runs.resolve("report.html"));
        assertThat(results.at("/variants/1/deltas/exactMatch/seeds/0").asInt()).isEqualTo(1);
        assertThat(Files.readString(runs.resolve("report.md"))).contains("| attention=full (baseline) |",
                "| attention=additive |", "O(n²·d)");
        Files.delete(runs.resolve("report.html"));
        Result report = ablate("report", runs.toString());
        assertThat(report.status()).as(report.err()).isZero();
        assertThat(Files.readString(runs.resolve("report.html"))).contains("<svg", "attention=additive");

        Result again = ablate("run", spec.toString(), "--out", runs.toString(), "--device", "cpu");
        assertThat(again.status()).as(again.err()).isZero();
        assertThat(again.out()).contains("skipped (already completed)").contains("trained 0 run(s), skipped 2");
    }

    @Test
    void benchmarksAttentionWithEachPointInAChildOnTheModulePath(@TempDir Path dir) throws Exception {
        Result r = ablate("bench", "attention", "--lengths", "32", "--variants", "full", "--d-model", "16", "--heads", "2",
                "--warmup", "0", "--repeats", "1", "--device", "cpu", "--out", dir.toString());
        assertThat(r.status()).as(r.err()).isZero();
        JsonNode bench = new ObjectMapper().readTree(dir.resolve("bench.json").toFile());
        JsonNode point = bench.get("points").get(0);
        assertThat(point.has("error")).as(point.toString()).isFalse();
        assertThat(point.get("timeMs").asDouble()).isPositive();
        assertThat(bench.at("/settings/versions/engine").asText()).isEqualTo("PyTorch 2.7.1");
    }
}
