package dev.ablate.cli;

import static dev.ablate.cli.CommandResult.run;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ablate.reports.bench.BenchPoint;
import dev.ablate.reports.bench.BenchResult;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ablate bench attention} in-process; each point still runs in a child JVM (on the class path here). */
final class TestBenchCommand {

    @Test
    void measuresEachPointInAChildAndWritesBenchJson(@TempDir Path dir) throws Exception {
        CommandResult r = run("bench", "attention", "--lengths", "32,64", "--variants", "restricted:window=4", "--d-model", "16",
                "--heads", "2", "--warmup", "1", "--repeats", "2", "--device", "cpu", "--out", dir.toString());
        assertThat(r.status()).as(r.err()).isZero();
        assertThat(r.err()).contains("bench [1/2] restricted(window=4) n=32: ").contains("bench [2/2]");
        assertThat(r.out()).contains("variant", "time ms", "memory", "restricted(window=4)  64", "time slope")
                .contains("bench: " + dir.resolve("bench.json"));
        BenchResult result = BenchResult.read(dir.resolve("bench.json"));
        assertThat(result.points()).extracting(BenchPoint::n).containsExactly(32, 64);
        assertThat(result.points()).allSatisfy(p -> {
            assertThat(p.ok()).as(String.valueOf(p.error())).isTrue();
            assertThat(p.timeMs()).isPositive();
            assertThat(p.repeatsMs()).hasSize(2);
        });
        assertThat(result.fits()).hasSize(1);
        assertThat(result.fits().get(0).timeSlope()).isNotNull();
        assertThat(result.settings().device()).isEqualTo("cpu");
        assertThat(result.settings().variants().get("restricted(window=4)").get("window").asInt()).isEqualTo(4);
        assertThat(result.settings().versions()).containsKeys("ablate", "djl", "engine", "java");
    }

    @Test
    void aPointOverTheTimeoutIsRecordedAndTheBenchGoesOn(@TempDir Path dir) throws Exception {
        // A hundred warm-up passes of additive attention over 2048 positions take far more than a second.
        CommandResult r = run("bench", "attention", "--lengths", "2048", "--variants", "additive", "--warmup", "100",
                "--timeout", "1", "--device", "cpu", "--out", dir.toString());
        assertThat(r.status()).as(r.err()).isZero();
        BenchResult result = BenchResult.read(dir.resolve("bench.json"));
        assertThat(result.points()).allSatisfy(p -> assertThat(p.error()).isEqualTo("timed out after 1 s"));
        assertThat(result.fits().get(0).timeSlope()).isNull();
        assertThat(r.out()).contains("timed out after 1 s");
    }

    @Test
    void badVariantsAndOptionsAreOneLineErrorsWithStatus2(@TempDir Path dir) {
        CommandResult unknown = run("bench", "attention", "--variants", "full,restrictd:window=32", "--out", dir.toString());
        assertThat(unknown.status()).isEqualTo(2);
        assertThat(unknown.err()).isEqualTo("ablate: --variants 'restrictd:window=32': unknown attention type "
                + "'restrictd'; known: additive, full, restricted. Did you mean 'restricted'?" + System.lineSeparator());
        CommandResult field = run("bench", "attention", "--variants", "restricted:windw=32", "--out", dir.toString());
        assertThat(field.status()).isEqualTo(2);
        assertThat(field.err()).contains("unknown field 'windw'").contains("Did you mean 'window'?")
                .doesNotContain("\tat ");
        CommandResult heads = run("bench", "attention", "--d-model", "64", "--heads", "5", "--out", dir.toString());
        assertThat(heads.status()).isEqualTo(2);
        assertThat(heads.err()).contains("--heads must divide --d-model");
        CommandResult lengths = run("bench", "attention", "--lengths", "0,512", "--out", dir.toString());
        assertThat(lengths.status()).isEqualTo(2);
        assertThat(lengths.err()).contains("--lengths: every length must be >= 1");
        assertThat(dir.resolve("bench.json")).doesNotExist();
    }

    @Test
    void helpDescribesTheBenchmarkAndHidesTheChildCommand() {
        CommandResult bench = run("bench", "--help");
        assertThat(bench.status()).isZero();
        assertThat(bench.out()).contains("attention").doesNotContain("attention-point");
        CommandResult attention = run("bench", "attention", "--help");
        assertThat(attention.out()).contains("--lengths", "--variants", "--d-model", "--heads", "--batch", "--device",
                "--warmup", "--repeats", "--timeout", "--fit-min", "--out", "median", "dropout", "VmHWM", "bench.json");
        assertThat(run("--help").out()).contains("bench");
    }
}
