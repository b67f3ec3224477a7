package dev.ablate.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ablate.core.registry.ComponentRegistry;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

final class TestPointProcess {

    private static final ComponentRegistry REGISTRY = ComponentRegistry.discover(TestPointProcess.class.getClassLoader());

    private static PointSpec spec(String variant, int n) {
        return new PointSpec(BenchVariants.parse(variant, REGISTRY.json()).get(0).json(), n, 16, 2, 1, "cpu", 1, 2);
    }

    /** A fake child: a shell script (the spec comes as $0 and is ignored). */
    private static PointProcess shell(String script, Duration timeout) {
        return new PointProcess(List.of("bash", "-c", script), timeout);
    }

    @Test
    void measuresAPointInAFreshJvmWithItsPeakMemory() throws Exception {
        PointProcess children = new PointProcess(
                JvmCommand.of(BenchChild.class, PointProcess.CHILD_JVM_OPTIONS, List.of()), Duration.ofSeconds(120));
        PointResult r = children.run(spec("full", 256));
        assertThat(r.outcome()).as(String.valueOf(r.error())).isEqualTo(PointResult.Outcome.MEASURED);
        assertThat(r.timeMs()).isPositive();
        assertThat(r.repeatsMs()).hasSize(2);
        if (java.nio.file.Files.exists(java.nio.file.Path.of("/proc/self/clear_refs"))) {
            // Scores alone are 2 heads × 256² floats = 512 KiB, kept for the backward pass.
            assertThat(r.memoryBytes()).isGreaterThan(512L * 1024).isLessThan(256L * 1024 * 1024);
        }
    }

    @Test
    void aChildOverTheTimeoutIsATimedOutPoint() throws Exception {
        long start = System.nanoTime();
        PointResult r = shell("sleep 30", Duration.ofSeconds(1)).run(spec("full", 16));
        assertThat(r.outcome()).isEqualTo(PointResult.Outcome.TIMED_OUT);
        assertThat(r.error()).isEqualTo("timed out after 1 s");
        assertThat((System.nanoTime() - start) / 1e9).as("killed, not waited for").isLessThan(15);
    }

    @Test
    void aChildKilledBySigkillIsAnOutOfMemoryPoint() throws Exception {
        PointResult r = shell("kill -9 $$", Duration.ofSeconds(30)).run(spec("full", 16));
        assertThat(r.outcome()).isEqualTo(PointResult.Outcome.OUT_OF_MEMORY);
        assertThat(r.error()).startsWith("out of memory: the process was killed (SIGKILL)");
    }

    @Test
    void theChildsResultLineIsTakenAsItIs() throws Exception {
        PointResult oom = shell("echo 'engine noise'; echo '" + PointResult.error(PointResult.Outcome.OUT_OF_MEMORY,
                "out of memory: DefaultCPUAllocator: not enough memory").toJson() + "'", Duration.ofSeconds(30))
                .run(spec("full", 16));
        assertThat(oom.outcome()).isEqualTo(PointResult.Outcome.OUT_OF_MEMORY);
        assertThat(oom.error()).isEqualTo("out of memory: DefaultCPUAllocator: not enough memory");

        PointResult measured = shell("echo '" + PointResult.measured(1.5, 42L, List.of(1.5)).toJson() + "'",
                Duration.ofSeconds(30)).run(spec("full", 16));
        assertThat(measured).isEqualTo(PointResult.measured(1.5, 42L, List.of(1.5)));
    }

    @Test
    void aChildThatFailsOtherwiseIsAFailedPointWithItsMessage() throws Exception {
        PointResult r = shell("echo 'java.lang.IllegalStateException: broken' >&2; echo '  at x.y(Z.java:1)' >&2; exit 3",
                Duration.ofSeconds(30)).run(spec("full", 16));
        assertThat(r.outcome()).isEqualTo(PointResult.Outcome.FAILED);
        assertThat(r.error()).isEqualTo("failed: the child process exited with status 3: "
                + "java.lang.IllegalStateException: broken");
    }

    @Test
    void theChildJvmCommandRepeatsThisJvm() {
        List<String> command = JvmCommand.of(BenchChild.class, List.of("-Xmx256m"), List.of("a", "b"));
        assertThat(command.get(0)).endsWith("java");
        assertThat(command).containsSubsequence("--class-path", System.getProperty("java.class.path"), "-Xmx256m",
                BenchChild.class.getName(), "a", "b");
        assertThat(command).noneMatch(o -> o.startsWith("-agentlib:jdwp"));
    }
}
