package dev.ablate.cli;

import static dev.ablate.cli.Launcher.ablate;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ablate.cli.Launcher.Result;
import dev.ablate.core.registry.ComponentRegistry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the built distribution the way users do (bin/ablate: module path plus the natives on the
 * class path), which unit tests on surefire's class path cannot: a missing {@code requires},
 * {@code opens} or JAR fails here.
 */
final class LauncherIT {

    private static final Path DIST = Launcher.DIST;

    /** An echo plugin compiled as a module against the distribution's JARs, as a plugin project would be. */
    private static PluginJar modularEcho(String module, String id, String opens) {
        return PluginJar.echo(module, id, "\"" + id + " in " + module + "\"")
                .source("module-info.java", """
                        module %1$s {
                            requires dev.ablate.core;
                            provides dev.ablate.core.spi.AblatePlugin with %1$s.EchoPlugin;
                            %2$s
                        }""".formatted(module, opens))
                .modulePath(DIST.resolve("lib").toString());
    }

    private static String opensToJackson(String pkg) {
        return "opens " + pkg + " to com.fasterxml.jackson.databind;";
    }

    private static JsonNode plugin(Result r, String id) throws IOException {
        for (JsonNode p : new ObjectMapper().readTree(r.out())) {
            if (p.get("id").asText().equals(id)) {
                return p;
            }
        }
        throw new AssertionError("no plugin " + id + " in " + r.out() + r.err());
    }

    @Test
    void listsThePluginsAsJson() throws Exception {
        Result r = ablate("plugins", "--json");
        assertThat(r.status()).as(r.err()).isZero();
        JsonNode plugins = new ObjectMapper().readTree(r.out());
        // The launcher (module path) finds what ServiceLoader finds here (class path): every built-in.
        List<String> registered = ComponentRegistry.discover(getClass().getClassLoader()).all().stream()
                .map(d -> d.kind().label() + " " + d.id()).toList();
        List<String> listed = new ArrayList<>();
        plugins.forEach(p -> listed.add(p.get("kind").asText() + " " + p.get("id").asText()));
        assertThat(listed).isEqualTo(registered);
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
    void twoWorkersShareTheStoreAndTrainEveryRunOnce(@TempDir Path dir) throws Exception {
        Path spec = Files.writeString(dir.resolve("tiny.json"), """
                {"name": "tiny", "task": {"type": "reverse", "length": 4, "vocabSize": 6, "trainSize": 64, "validSize": 8, "testSize": 8},
                 "base": {"model": {"layers": 1, "dModel": 16, "heads": 2, "dFF": 32},
                          "training": {"steps": 30, "batchSize": 8, "evalEvery": 10}},
                 "seeds": [1, 2, 3]}
                """);
        Path runs = dir.resolve("runs");
        Result r = ablate("run", spec.toString(), "--out", runs.toString(), "--device", "cpu", "--workers", "2");
        assertThat(r.status()).as(r.out() + r.err()).isZero();
        int cores = Runtime.getRuntime().availableProcessors();
        String threads = Math.max(1, cores / 2) + " thread(s)";
        assertThat(r.out()).contains("[worker 1] pid ").contains("[worker 2] pid ").contains("on cpu with " + threads);
        // Each run is trained by exactly one of the workers.
        for (int s = 1; s <= 3; s++) {
            String seed = " seed " + s + ":";
            long trained = r.out().lines().filter(l -> l.matches("\\[worker \\d] run \\d/3 base seed \\d+: completed.*"))
                    .filter(l -> l.contains(seed)).count();
            assertThat(trained).as("%s trained once in:%n%s", seed, r.out()).isEqualTo(1);
        }
        assertThat(r.out()).contains("3 completed").doesNotContain("not finished");
        JsonNode results = new ObjectMapper().readTree(runs.resolve("results.json").toFile());
        assertThat(results.get("runs")).hasSize(3);
        results.get("runs").forEach(run -> assertThat(run.get("status").asText()).isEqualTo("completed"));
    }

    @Test
    void aRunThatCannotStartIsRecordedAsFailedWithTheMessage(@TempDir Path dir) throws Exception {
        Path corpus = Files.writeString(dir.resolve("corpus.txt"), "the cat sat on the mat. ".repeat(200));
        Path spec = Files.writeString(dir.resolve("lm.json"), """
                {"name": "lm", "task": {"type": "lm", "file": "corpus.txt", "tokenization": "char", "length": 16},
                 "base": {"model": {"family": "decoder", "layers": 1, "dModel": 16, "heads": 2, "dFF": 32},
                          "training": {"steps": 4, "batchSize": 8, "evalEvery": 2}},
                 "seeds": [1, 2]}
                """);
        Path runs = dir.resolve("runs");
        Result first = ablate("run", spec.toString(), "--out", runs.toString(), "--device", "cpu", "--only", "base/seed-1");
        assertThat(first.status()).as(first.err()).isZero();
        assertThat(first.out()).contains("run 1/2 base seed 1: completed").contains("1 completed, 1 not finished");

        Result unknown = ablate("run", spec.toString(), "--out", runs.toString(), "--only", "base/sed-2");
        assertThat(unknown.status()).isEqualTo(2);
        assertThat(unknown.err()).contains("--only base/sed-2: no such run or variant in lm")
                .contains("Did you mean 'base/seed-2'?");

        Files.delete(corpus);
        Result second = ablate("run", spec.toString(), "--out", runs.toString(), "--device", "cpu", "--only", "base/seed-2");
        assertThat(second.status()).isEqualTo(2);
        assertThat(second.err()).contains("corpus.txt").doesNotContain("Exception");
        Result status = ablate("status", runs.toString(), "--json");
        JsonNode rows = new ObjectMapper().readTree(status.out()).get("runs");
        assertThat(rows.get(0).get("state").asText()).isEqualTo("completed");
        assertThat(rows.get(1).get("state").asText()).isEqualTo("failed");
        assertThat(rows.get(1).get("error").asText()).startsWith("cannot start: ").contains("corpus.txt");

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

    @Test
    void loadsModularPluginJarsEachInAModuleLayerOfItsOwn(@TempDir Path dir) throws Exception {
        for (String name : List.of("left", "right")) {
            // Both modules hold a package of the same name; only separate layers let them load side by side.
            modularEcho("fixture." + name, name, opensToJackson("fixture." + name) + " exports fixture.shared;")
                    .source("fixture/shared/Marker.java", "package fixture.shared; public final class Marker {}")
                    .build(dir.resolve("checkout/plugins/" + name + ".jar"));
        }
        Result r = ablate(Map.of("ABLATE_CHECKOUT", dir.resolve("checkout").toString()), "plugins", "--json");
        assertThat(r.status()).as(r.err()).isZero();
        assertThat(plugin(r, "left").get("summary").asText()).isEqualTo("left in fixture.left");
        assertThat(plugin(r, "right").get("source").asText()).isEqualTo(dir.resolve("checkout/plugins/right.jar")
                + " (module fixture.right; built against Ablate 0.1.0-SNAPSHOT; via the checkout's plugins/ folder)");
    }

    @Test
    void runsAndBenchmarksAPluginAttentionThroughTheLauncher(@TempDir Path dir) throws Exception {
        Path jar = modularEcho("fixture.echo", "echo", opensToJackson("fixture.echo")).build(dir.resolve("echo.jar"));
        Path spec = Files.writeString(dir.resolve("echo.json"), """
                {"name": "echo", "task": {"type": "copy", "length": 4, "vocabSize": 6, "trainSize": 32, "validSize": 8, "testSize": 8},
                 "base": {"model": {"layers": 1, "dModel": 16, "heads": 2, "dFF": 32}, "training": {"steps": 2, "batchSize": 8}},
                 "axes": {"model.attention": [{"type": "echo"}]},
                 "seeds": [1]}
                """);
        Result run = ablate("--plugins", jar.toString(), "run", spec.toString(), "--out", dir.resolve("runs").toString(),
                "--device", "cpu");
        assertThat(run.status()).as(run.err()).isZero();
        assertThat(run.out()).contains("run 1/1 attention=echo seed 1: completed");
        assertThat(Files.readString(dir.resolve("runs/report.md"))).contains("| attention=echo (baseline) |");

        Result bench = ablate("bench", "attention", "--plugins", jar.toString(), "--lengths", "16", "--variants", "echo",
                "--d-model", "16", "--heads", "2", "--warmup", "0", "--repeats", "1", "--device", "cpu",
                "--out", dir.resolve("bench").toString());
        assertThat(bench.status()).as(bench.err()).isZero();
        JsonNode point = new ObjectMapper().readTree(dir.resolve("bench/bench.json").toFile()).get("points").get(0);
        assertThat(point.has("error")).as("the child JVM loaded the plugin too: " + point).isFalse();
    }

    @Test
    void aModularPluginThatHidesItsConfigFromJacksonIsToldWhatToAdd(@TempDir Path dir) throws Exception {
        Path jar = modularEcho("fixture.closed", "closed", "").build(dir.resolve("closed.jar"));
        Result r = ablate("--plugins", jar.toString(), "plugins");
        assertThat(r.status()).isEqualTo(2);
        assertThat(r.err()).contains("attention plugin 'closed' from " + jar)
                .contains("Add 'opens fixture.closed to com.fasterxml.jackson.databind;' to its module-info.java")
                .doesNotContain("\tat ");
    }

    @Test
    void aModularPluginMissingADependencyIsToldWhereToPutIt(@TempDir Path dir) throws Exception {
        Path lib = new PluginJar().source("module-info.java", "module fixture.lib { exports fixture.lib; }")
                .source("fixture/lib/Greeting.java",
                        "package fixture.lib; public final class Greeting { public static String text() { return \"hello\"; } }")
                .modulePath(DIST.resolve("lib").toString())
                .build(dir.resolve("lib/fixture-lib.jar"));
        Path jar = PluginJar.echo("fixture.needy", "needy", "fixture.lib.Greeting.text()")
                .source("module-info.java", """
                        module fixture.needy {
                            requires dev.ablate.core;
                            requires fixture.lib;
                            provides dev.ablate.core.spi.AblatePlugin with fixture.needy.EchoPlugin;
                            opens fixture.needy to com.fasterxml.jackson.databind;
                        }""")
                .modulePath(DIST.resolve("lib") + java.io.File.pathSeparator + lib)
                .build(dir.resolve("plugins/needy/needy.jar"));
        Result r = ablate("--plugins", jar.toString(), "plugins");
        assertThat(r.status()).isEqualTo(2);
        assertThat(r.err()).contains("plugin JAR " + jar).contains("fixture.lib")
                .contains("Put the JARs it depends on next to it in a folder of its own");

        Files.copy(lib, dir.resolve("plugins/needy/fixture-lib.jar"));
        Result together = ablate("--plugins", dir.resolve("plugins").toString(), "plugins", "--json");
        assertThat(together.status()).as(together.err()).isZero();
        assertThat(plugin(together, "needy").get("summary").asText()).isEqualTo("hello");
    }
}
