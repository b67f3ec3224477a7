package dev.ablate.experiments.sweep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ablate.core.error.UserException;
import dev.ablate.experiments.spec.ExperimentPlan;
import dev.ablate.store.Heartbeat;
import dev.ablate.store.RunLock;
import dev.ablate.store.RunStatus;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Running a spec again trains nothing and touches no result; a run another process holds is left
 * to it; a variant id whose config changed is refused.
 */
class TestRerunAndLock {

    @TempDir
    Path temp;

    private static final String VARIANTS = """
            ,
             "variants": [{"name": "small", "set": {"model.dFF": 24}}, {"name": "wide", "set": {"model.dFF": 48}}]""";

    private final SweepTesting.Harness harness = new SweepTesting.Harness();

    private String spec() {
        return SweepTesting.spec("rerun", SweepTesting.training(10, ""), VARIANTS);
    }

    private ExperimentPlan plan(String spec) {
        return harness.plan(spec, temp);
    }

    private Path store() {
        return temp.resolve("runs");
    }

    private Path runFolder(String variant) {
        return store().resolve(variant).resolve("seed-3");
    }

    /** Every file under the store but experiment.json (rewritten by every sweep), with its bytes and mtime. */
    private Map<Path, Map.Entry<FileTime, List<Byte>>> snapshotOfRuns() throws IOException {
        Map<Path, Map.Entry<FileTime, List<Byte>>> files = new LinkedHashMap<>();
        try (Stream<Path> walk = Files.walk(store())) {
            for (Path p : walk.filter(Files::isRegularFile).sorted().toList()) {
                String name = p.getFileName().toString();
                if (name.equals("experiment.json")) {
                    continue;
                }
                byte[] bytes = Files.readAllBytes(p);
                List<Byte> boxed = new ArrayList<>(bytes.length);
                for (byte b : bytes) {
                    boxed.add(b);
                }
                files.put(store().relativize(p), Map.entry(Files.getLastModifiedTime(p), boxed));
            }
        }
        return files;
    }

    @Test
    void runningAgainTrainsNothingAndTouchesNoResult() throws IOException {
        ExperimentRunner.Summary first = harness.run(plan(spec()), harness.store(store()), ProgressListener.NONE);
        assertThat(first.trained()).isEqualTo(2);
        assertThat(first.skipped()).isZero();
        assertThat(first.results()).extracting(r -> r.orElseThrow().variant()).containsExactly("small", "wide");
        Map<Path, Map.Entry<FileTime, List<Byte>>> before = snapshotOfRuns();
        assertThat(before).containsKeys(Path.of("small", "seed-3", "result.json"), Path.of("wide", "seed-3", "result.json"),
                Path.of("small", "seed-3", "metrics.jsonl"), Path.of("small", "seed-3", "config.json"));
        Heartbeat beat = harness.store(store()).run("small", 3).heartbeat().orElseThrow();
        assertThat(beat.step()).as("the last heartbeat, written when the run was left").isEqualTo(10);
        assertThat(beat.steps()).isEqualTo(10);
        assertThat(beat.pid()).isEqualTo(ProcessHandle.current().pid());
        assertThat(beat.host()).isNotBlank();
        assertThat(beat.secondsPerStep()).isPositive();
        JsonNode config = SweepTesting.JSON.readTree(store().resolve("small/seed-3/config.json").toFile());
        assertThat(config.at("/components/attention:full").asText())
                .as("config.json says where each component came from").contains("ablate-attention");

        SweepTesting.Recorder recorder = new SweepTesting.Recorder();
        ExperimentRunner.Summary again = harness.run(plan(spec()), harness.store(store()), recorder);
        assertThat(again.trained()).isZero();
        assertThat(again.skipped()).isEqualTo(2);
        assertThat(recorder.started).isEmpty();
        assertThat(recorder.steps).isEmpty();
        assertThat(recorder.skipped).extracting(SweepTesting.Recorder.Skipped::reason)
                .containsExactly("already completed", "already completed");
        assertThat(again.results()).isEqualTo(first.results());
        // no run file rewritten, not even with the same bytes
        assertThat(snapshotOfRuns()).isEqualTo(before);
    }

    @Test
    void runLockedInThisProcessIsSkipped() throws IOException {
        Files.createDirectories(runFolder("small"));
        SweepTesting.Recorder recorder = new SweepTesting.Recorder();
        ExperimentRunner.Summary summary;
        try (RunLock held = RunLock.tryAcquire(runFolder("small").resolve("run.lock"))) {
            assertThat(held).isNotNull();
            // a second attempt in the same JVM (OverlappingFileLockException inside) is "held", not an error
            assertThat(RunLock.tryAcquire(runFolder("small").resolve("run.lock"))).isNull();
            summary = harness.run(plan(spec()), harness.store(store()), recorder);
        }
        assertLockedRunSkipped(summary, recorder);
        assertLockReleasedAndRunTrainedNext();
    }

    @Test
    void runLockedByAnotherProcessIsSkipped() throws IOException, InterruptedException {
        Process holder = SweepTesting.childJvm(LockHolder.class, runFolder("small").toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        SweepTesting.Recorder recorder = new SweepTesting.Recorder();
        ExperimentRunner.Summary summary;
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8));
            assertThat(out.readLine()).isEqualTo("locked");
            // the lock file names its holder
            assertThat(Files.readString(runFolder("small").resolve("run.lock"))).startsWith(holder.pid() + "@");
            assertThat(RunLock.tryAcquire(runFolder("small").resolve("run.lock"))).isNull();
            summary = harness.run(plan(spec()), harness.store(store()), recorder);
        } finally {
            holder.getOutputStream().close();   // the holder exits, and its lock goes with it
            if (!holder.waitFor(20, TimeUnit.SECONDS)) {
                holder.destroyForcibly();
            }
        }
        assertThat(holder.exitValue()).isZero();
        assertLockedRunSkipped(summary, recorder);
        assertLockReleasedAndRunTrainedNext();
    }

    /** What a {@link LockHolder} child says when it tries the lock of {@code folder}: locked or busy. */
    private static String tryLockFromAnotherProcess(Path folder) throws IOException, InterruptedException {
        Process child = SweepTesting.childJvm(LockHolder.class, folder.toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
            return out.readLine();
        } finally {
            child.getOutputStream().close();
            if (!child.waitFor(20, TimeUnit.SECONDS)) {
                child.destroyForcibly();
            }
        }
    }

    @Test
    void failedSecondAttemptInTheSameProcessKeepsTheLock() throws IOException, InterruptedException {
        Path folder = runFolder("small");
        Files.createDirectories(folder);
        try (RunLock held = RunLock.tryAcquire(folder.resolve("run.lock"))) {
            assertThat(held).isNotNull();
            assertThat(tryLockFromAnotherProcess(folder)).isEqualTo("busy");
            // a second sweep in this JVM is told the run is taken...
            assertThat(RunLock.tryAcquire(folder.resolve("run.lock"))).isNull();
            // ...and the first one still holds it against other processes
            assertThat(tryLockFromAnotherProcess(folder)).isEqualTo("busy");
        }
        assertThat(tryLockFromAnotherProcess(folder)).isEqualTo("locked");
    }

    private void assertLockedRunSkipped(ExperimentRunner.Summary summary, SweepTesting.Recorder recorder) throws IOException {
        assertThat(summary.trained()).isEqualTo(1);
        assertThat(summary.skipped()).isEqualTo(1);
        assertThat(recorder.skipped).hasSize(1);
        assertThat(recorder.skipped.get(0).run()).isEqualTo("small seed 3");
        assertThat(recorder.skipped.get(0).reason()).contains("another process");
        assertThat(recorder.started).extracting(SweepTesting.Recorder.Started::run).containsExactly("wide seed 3");
        assertThat(summary.results().get(0)).isEmpty();
        assertThat(summary.results().get(1)).isPresent();
        assertThat(summary.results().get(1).orElseThrow().variant()).isEqualTo("wide");
        // nothing of the locked run was written: no config, no metrics, no result
        assertThat(runFolder("small").resolve("config.json")).doesNotExist();
        assertThat(runFolder("small").resolve("metrics.jsonl")).doesNotExist();
        assertThat(runFolder("small").resolve("result.json")).doesNotExist();
    }

    private void assertLockReleasedAndRunTrainedNext() throws IOException {
        SweepTesting.Recorder recorder = new SweepTesting.Recorder();
        ExperimentRunner.Summary next = harness.run(plan(spec()), harness.store(store()), recorder);
        assertThat(next.trained()).isEqualTo(1);
        assertThat(next.skipped()).isEqualTo(1);
        assertThat(recorder.started).extracting(SweepTesting.Recorder.Started::run).containsExactly("small seed 3");
        assertThat(recorder.skipped).extracting(SweepTesting.Recorder.Skipped::reason).containsExactly("already completed");
        assertThat(next.results()).allMatch(Optional::isPresent);
        assertThat(next.results().get(0).orElseThrow().status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(next.results()).extracting(r -> r.orElseThrow().variant()).containsExactly("small", "wide");
    }

    @Test
    void changedConfigForAnExistingVariantIsRefused() throws IOException {
        harness.run(plan(spec()), harness.store(store()), ProgressListener.NONE);
        Map<Path, Map.Entry<FileTime, List<Byte>>> before = snapshotOfRuns();
        String changed = spec().replace("\"model.dFF\": 24", "\"model.dFF\": 28");
        SweepTesting.Recorder recorder = new SweepTesting.Recorder();
        assertThatThrownBy(() -> harness.run(plan(changed), harness.store(store()), recorder))
                .isInstanceOf(UserException.class)
                .hasMessageContaining(runFolder("small").toString())
                .hasMessageContaining("different config")
                .hasMessageNotContaining(runFolder("wide").toString());
        // refused before anything trained or was written
        assertThat(recorder.started).isEmpty();
        assertThat(snapshotOfRuns()).isEqualTo(before);
        // the unchanged spec still runs (and finds everything done)
        assertThat(harness.run(plan(spec()), harness.store(store()), ProgressListener.NONE).skipped()).isEqualTo(2);
    }

    @Test
    void refusedSpecLeavesExperimentJsonAlone() throws IOException {
        harness.run(plan(spec()), harness.store(store()), ProgressListener.NONE);
        byte[] experiment = Files.readAllBytes(store().resolve("experiment.json"));
        String changed = spec().replace("\"model.dFF\": 24", "\"model.dFF\": 28");
        assertThatThrownBy(() -> harness.run(plan(changed), harness.store(store()), ProgressListener.NONE))
                .isInstanceOf(UserException.class);
        assertThat(Files.readAllBytes(store().resolve("experiment.json"))).isEqualTo(experiment);
    }
}
