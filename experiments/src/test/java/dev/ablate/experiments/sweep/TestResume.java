package dev.ablate.experiments.sweep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ablate.core.error.UserException;
import dev.ablate.experiments.spec.ExperimentPlan;
import dev.ablate.store.CheckpointState;
import dev.ablate.store.RunFolder;
import dev.ablate.store.RunResult;
import dev.ablate.store.RunStatus;
import dev.ablate.tasks.Vocabulary;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run interrupted and resumed ends with exactly the numbers of a run never interrupted, and its
 * metrics.jsonl holds every step once.
 */
class TestResume {

    @TempDir
    Path temp;

    private static final String SCHEDULE = "\"schedule\": {\"type\": \"constant\", \"lr\": 0.003}, \"clipNorm\": 1.0";

    /** The run of a single-variant, single-seed spec (variant "base", seed 3). */
    private static RunFolder run(SweepTesting.Harness harness, Path store) {
        return harness.store(store).run("base", 3);
    }

    private static void assertSameOutcome(Path resumedRun, RunResult resumed, Path straightRun, RunResult straight) {
        assertThat(resumed.status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(resumed.metrics()).isNotEmpty().isEqualTo(straight.metrics());
        assertThat(resumed.bestStep()).isEqualTo(straight.bestStep());
        assertThat(resumed.steps()).isEqualTo(straight.steps());
        // every step's line once, and the same numbers as the uninterrupted run's
        List<String> keys = SweepTesting.stepKeys(resumedRun);
        assertThat(keys).doesNotHaveDuplicates();
        assertThat(keys).isEqualTo(SweepTesting.stepKeys(straightRun));
        assertThat(SweepTesting.trainingLosses(resumedRun)).isEqualTo(SweepTesting.trainingLosses(straightRun));
        List<JsonNode> resumedMetrics = SweepTesting.metrics(resumedRun);
        List<JsonNode> straightMetrics = SweepTesting.metrics(straightRun);
        assertThat(SweepTesting.lines(resumedMetrics, "valid")).isEqualTo(SweepTesting.lines(straightMetrics, "valid"));
        assertThat(resumedMetrics.stream().filter(n -> n.path("final").asBoolean()).toList())
                .hasSize(1)
                .isEqualTo(straightMetrics.stream().filter(n -> n.path("final").asBoolean()).toList());
    }

    @Test
    void runKilledWithSigkillResumesToTheSameResult() throws Exception {
        int steps = 200;
        String spec = SweepTesting.spec("resume", "\"steps\": " + steps + ", \"batchSize\": 16, \"evalEvery\": 50, "
                + "\"checkpointEvery\": 10, \"logEvery\": 5, " + SCHEDULE, "");
        Path specFile = temp.resolve("spec.json");
        Files.writeString(specFile, spec, StandardCharsets.UTF_8);
        Path killedStore = temp.resolve("killed");
        Path log = temp.resolve("child.log");
        SweepTesting.Harness harness = new SweepTesting.Harness();
        RunFolder killedRun = run(harness, killedStore);

        Process child = startChild(specFile, killedStore, log);
        try {
            awaitMidRun(child, log, () -> checkpointStep(killedRun) >= 60, "checkpoint 60");
            assertThat(child.isAlive()).isTrue();
            child.destroyForcibly();   // SIGKILL
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
        } finally {
            child.destroyForcibly();
        }
        assertThat(child.exitValue()).as("killed by SIGKILL").isEqualTo(137);
        assertThat(killedRun.path().resolve("result.json")).doesNotExist();
        int checkpoint = killedRun.checkpointState().orElseThrow().step();
        assertThat(checkpoint).isBetween(60, 140);

        // the uninterrupted run, in a store of its own
        ExperimentPlan plan = harness.reader.read(specFile);
        ExperimentRunner.Summary straight = harness.run(plan, harness.store(temp.resolve("straight")), ProgressListener.NONE);

        // the same spec on the killed store resumes from the checkpoint (the dead child's lock is gone)
        SweepTesting.Recorder recorder = new SweepTesting.Recorder();
        ExperimentRunner.Summary resumed = harness.run(harness.reader.read(specFile), harness.store(killedStore), recorder);
        assertThat(resumed.trained()).isEqualTo(1);
        assertThat(recorder.started).hasSize(1);
        assertThat(recorder.started.get(0).fromStep()).isEqualTo(checkpoint).isPositive();
        assertThat(recorder.steps).first().isEqualTo(checkpoint + 1);
        assertThat(recorder.steps).hasSize(steps - checkpoint);
        assertSameOutcome(killedRun.path(), resumed.results().get(0).orElseThrow(),
                run(harness, temp.resolve("straight")).path(), straight.results().get(0).orElseThrow());
        assertThat(killedRun.result()).contains(resumed.results().get(0).orElseThrow());
    }

    /** SIGTERM mid-run: the step ends, a checkpoint is written, the process exits 143; the resume is exact. */
    @Test
    void runStoppedWithSigtermCheckpointsItsLastStepAndResumesToTheSameResult() throws Exception {
        int steps = 200;
        String spec = SweepTesting.spec("resume", "\"steps\": " + steps + ", \"batchSize\": 16, \"evalEvery\": 50, "
                + "\"checkpointEvery\": 1000, \"logEvery\": 5, " + SCHEDULE, "");
        Path specFile = temp.resolve("spec.json");
        Files.writeString(specFile, spec, StandardCharsets.UTF_8);
        Path stoppedStore = temp.resolve("stopped");
        Path log = temp.resolve("child.log");
        SweepTesting.Harness harness = new SweepTesting.Harness();
        RunFolder stoppedRun = run(harness, stoppedStore);

        Process child = startChild(specFile, stoppedStore, log);
        try {
            // validation at step 50 has run: the stop comes after it, while steps go by
            awaitMidRun(child, log, () -> validated(stoppedRun), "validation at step 50");
            child.destroy();   // SIGTERM
            assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
        } finally {
            child.destroyForcibly();
        }
        assertThat(child.exitValue()).as("stopped by SIGTERM:\n" + Files.readString(log)).isEqualTo(143);
        assertThat(Files.readString(log)).contains("stopped by SIGTERM after step").doesNotContain("Exception");
        assertThat(stoppedRun.path().resolve("result.json")).doesNotExist();
        // checkpointEvery is 1000: the only checkpoint is the one the signal asked for
        int checkpoint = stoppedRun.checkpointState().orElseThrow().step();
        assertThat(checkpoint).isBetween(50, 149);
        assertThat(Files.readString(log)).contains("after step " + checkpoint + ",");

        ExperimentPlan plan = harness.reader.read(specFile);
        ExperimentRunner.Summary straight = harness.run(plan, harness.store(temp.resolve("straight")), ProgressListener.NONE);
        SweepTesting.Recorder recorder = new SweepTesting.Recorder();
        ExperimentRunner.Summary resumed = harness.run(harness.reader.read(specFile), harness.store(stoppedStore), recorder);
        assertThat(recorder.started.get(0).fromStep()).isEqualTo(checkpoint);
        assertSameOutcome(stoppedRun.path(), resumed.results().get(0).orElseThrow(),
                run(harness, temp.resolve("straight")).path(), straight.results().get(0).orElseThrow());
    }

    /** A {@link ResumeChild} pausing 15 ms after every step and never going past step 150: always caught mid-run. */
    private static Process startChild(Path specFile, Path store, Path log) throws IOException {
        return SweepTesting.childJvm(ResumeChild.class, specFile.toString(), store.toString(), "15", "150")
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
    }

    /** Something the child's files show. */
    private interface Probe {
        boolean reached() throws IOException;
    }

    /** Waits (60 s at most) until {@code probe} holds, failing with the child's log if the child ends first. */
    private static void awaitMidRun(Process child, Path log, Probe probe, String what) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!probe.reached()) {
            if (!child.isAlive()) {
                fail("the child ended (exit " + child.exitValue() + ") before " + what + ":\n" + Files.readString(log));
            }
            if (System.nanoTime() > deadline) {
                fail("no " + what + " within 60 s:\n" + Files.readString(log));
            }
            Thread.sleep(10);
        }
    }

    /** Whether the run has written a validation line (read as text: the child may be mid-line). */
    private static boolean validated(RunFolder run) throws IOException {
        Path metrics = run.path().resolve("metrics.jsonl");
        return Files.exists(metrics) && Files.readString(metrics).contains("\"split\":\"valid\"");
    }

    private static int checkpointStep(RunFolder run) {
        Path state = run.path().resolve("checkpoint").resolve("state.json");
        if (!Files.exists(state)) {
            return 0;
        }
        try {
            return SweepTesting.JSON.readTree(state.toFile()).path("step").asInt();
        } catch (IOException e) {
            return 0;   // replaced while we read it
        }
    }

    /** A listener that throws at one step, as a crash in the middle of training would. */
    private static final class Crash extends SweepTesting.Recorder {
        private final int at;

        Crash(int at) {
            this.at = at;
        }

        @Override
        public void step(int step, float loss, double tokensPerSecond) {
            super.step(step, loss, tokensPerSecond);
            if (step == at) {
                throw new IllegalStateException("simulated crash at step " + at);
            }
        }
    }

    @Test
    void failedRunIsRetriedFromItsLastCheckpoint() throws IOException {
        SweepTesting.Harness harness = new SweepTesting.Harness();
        String spec = SweepTesting.spec("retry", SweepTesting.training(40, ""), "");
        ExperimentPlan plan = harness.plan(spec, temp);
        ExperimentRunner.Summary straight = harness.run(plan, harness.store(temp.resolve("straight")), ProgressListener.NONE);

        Crash crash = new Crash(27);
        ExperimentRunner.Summary crashed = harness.run(plan, harness.store(temp.resolve("crashed")), crash);
        RunResult failed = crashed.results().get(0).orElseThrow();
        assertThat(failed.status()).isEqualTo(RunStatus.FAILED);
        assertThat(failed.error()).contains("simulated crash at step 27");
        assertThat(crashed.failed()).containsExactly(failed);
        RunFolder crashedRun = run(harness, temp.resolve("crashed"));
        Optional<CheckpointState> state = crashedRun.checkpointState();
        assertThat(state).isPresent();
        assertThat(state.get().step()).isEqualTo(20);
        // lines past the checkpoint were written (step 25) and must go on resume
        assertThat(SweepTesting.stepKeys(crashedRun.path())).contains("25 train");

        SweepTesting.Recorder recorder = new SweepTesting.Recorder();
        ExperimentRunner.Summary resumed = harness.run(harness.plan(spec, temp), harness.store(temp.resolve("crashed")), recorder);
        assertThat(resumed.trained()).isEqualTo(1);
        assertThat(resumed.skipped()).isZero();
        assertThat(recorder.started.get(0).fromStep()).isEqualTo(20);
        assertThat(recorder.steps).first().isEqualTo(21);
        assertSameOutcome(crashedRun.path(), resumed.results().get(0).orElseThrow(),
                run(harness, temp.resolve("straight")).path(), straight.results().get(0).orElseThrow());
    }

    @Test
    void runKeepsItsSubwordVocabularyAndWillNotResumeOnChangedData() throws IOException {
        Files.writeString(temp.resolve("train.tsv"), "the lower wall\tla pared baja\nthe newest wall\tla pared nueva\n");
        Files.writeString(temp.resolve("valid.tsv"), "the wall\tla pared\n");
        Files.writeString(temp.resolve("test.tsv"), "the low wall\tla pared baja\n");
        String spec = SweepTesting.spec("subwords", SweepTesting.training(40, ""), "").replaceFirst("\"task\": \\{[^}]*}",
                "\"task\": {\"type\": \"parallel\", \"train\": {\"tsv\": \"train.tsv\"}, \"valid\": {\"tsv\": \"valid.tsv\"}, "
                        + "\"test\": {\"tsv\": \"test.tsv\"}, \"tokenization\": \"bpe\", \"maxVocabulary\": 30}");
        SweepTesting.Harness harness = new SweepTesting.Harness();
        ExperimentPlan plan = harness.plan(spec, temp);
        RunResult failed = harness.run(plan, harness.store(temp.resolve("store")), new Crash(13)).results().get(0).orElseThrow();
        assertThat(failed.status()).isEqualTo(RunStatus.FAILED);
        RunFolder dir = run(harness, temp.resolve("store"));
        Vocabulary saved = Vocabulary.load(dir.vocabularyFile(""));
        assertThat(saved).isEqualTo(plan.task().sourceVocabulary());
        assertThat(saved.subwords()).isPresent();

        // The same file names with other data: the spec's hash is unchanged, but the ids would not be.
        Files.writeString(temp.resolve("train.tsv"), "the widest wall\tla pared más ancha\n", StandardOpenOption.APPEND);
        ExperimentPlan changed = harness.plan(spec, temp);
        assertThat(changed.task().sourceVocabulary()).isNotEqualTo(saved);
        assertThatThrownBy(() -> harness.run(changed, harness.store(temp.resolve("store")), ProgressListener.NONE))
                .isInstanceOf(UserException.class)
                .hasMessageContaining(dir.vocabularyFile("") + ": the task's data now gives a different vocabulary");
        assertThat(dir.checkpointState()).isPresent();
    }

    @Test
    void runStoppedAfterItsLastCheckpointWritesOneFinalLine() throws IOException {
        // stopped after the final checkpoint (step == steps) but before result.json: the resumed run
        // trains nothing and evaluates again. "last" weights, so only the metrics.jsonl handling is tested here
        SweepTesting.Harness harness = new SweepTesting.Harness();
        String spec = SweepTesting.spec("final", SweepTesting.training(20, ""), "")
                .replace("\"evaluation\": {", "\"evaluation\": {\"checkpoint\": \"last\", ");
        ExperimentPlan plan = harness.plan(spec, temp);
        ExperimentRunner.Summary first = harness.run(plan, harness.store(temp.resolve("store")), ProgressListener.NONE);
        RunFolder dir = run(harness, temp.resolve("store"));
        List<String> before = SweepTesting.stepKeys(dir.path());
        Files.delete(dir.path().resolve("result.json"));

        SweepTesting.Recorder recorder = new SweepTesting.Recorder();
        ExperimentRunner.Summary again = harness.run(plan, harness.store(temp.resolve("store")), recorder);
        assertThat(again.trained()).isEqualTo(1);
        assertThat(recorder.started.get(0).fromStep()).isEqualTo(20);
        assertThat(recorder.steps).isEmpty();
        assertThat(again.results().get(0).orElseThrow().metrics()).isEqualTo(first.results().get(0).orElseThrow().metrics());
        assertThat(SweepTesting.stepKeys(dir.path())).doesNotHaveDuplicates().isEqualTo(before);
    }
}
