package dev.ablate.experiments.sweep;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ablate.experiments.spec.ExperimentPlan;
import dev.ablate.store.RunResult;
import dev.ablate.store.RunStatus;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A run whose loss stops being finite ends as diverged, and the sweep goes on to the next run. */
class TestDivergence {

    @TempDir
    Path temp;

    @Test
    void divergedRunIsRecordedAndTheSweepGoesOn() throws IOException {
        // no clipping; the first variant's learning rate makes the weights ~1e30 after one update
        String training = "\"steps\": 30, \"batchSize\": 16, \"evalEvery\": 10, \"logEvery\": 1, "
                + "\"schedule\": {\"type\": \"constant\", \"lr\": 0.003}";
        String variants = """
                ,
                 "variants": [
                   {"name": "exploding", "set": {"training.schedule": {"type": "constant", "lr": 1e30}}},
                   {"name": "stable", "set": {}}
                 ]""";
        SweepTesting.Harness harness = new SweepTesting.Harness();
        ExperimentPlan plan = harness.plan(SweepTesting.spec("divergence", training, variants), temp);
        Path store = temp.resolve("runs");
        SweepTesting.Recorder recorder = new SweepTesting.Recorder();
        ExperimentRunner.Summary summary = harness.run(plan, harness.store(store), recorder);

        assertThat(summary.trained()).isEqualTo(2);
        assertThat(summary.failed()).isEmpty();
        RunResult exploding = summary.results().get(0).orElseThrow();
        RunResult stable = summary.results().get(1).orElseThrow();
        assertThat(exploding.variant()).isEqualTo("exploding");
        assertThat(exploding.status()).isEqualTo(RunStatus.DIVERGED);
        assertThat(exploding.status().isFinal()).isTrue();
        assertThat(exploding.divergedAtStep()).isNotNull().isBetween(2, 30);
        assertThat(exploding.steps()).isEqualTo(exploding.divergedAtStep() - 1);
        assertThat(exploding.metrics()).isEmpty();
        assertThat(exploding.error()).isNull();
        assertThat(stable.variant()).isEqualTo("stable");
        assertThat(stable.status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(stable.steps()).isEqualTo(30);
        assertThat(stable.divergedAtStep()).isNull();
        assertThat(stable.metrics()).isNotEmpty();
        assertThat(recorder.finished).extracting(RunResult::status).containsExactly(RunStatus.DIVERGED, RunStatus.COMPLETED);

        // result.json says the same
        Path explodingRun = store.resolve("exploding").resolve("seed-3");
        JsonNode result = SweepTesting.JSON.readTree(explodingRun.resolve("result.json").toFile());
        assertThat(result.path("status").asText()).isEqualTo("diverged");
        assertThat(result.path("divergedAtStep").asInt()).isEqualTo(exploding.divergedAtStep());
        // metrics.jsonl holds the finite steps before the divergence, every loss finite
        List<JsonNode> train = SweepTesting.lines(SweepTesting.metrics(explodingRun), "train");
        assertThat(train).hasSize(exploding.divergedAtStep() - 1);
        assertThat(train).allMatch(n -> n.path("step").asInt() < exploding.divergedAtStep())
                .allMatch(n -> Double.isFinite(n.path("loss").asDouble()));

        // a diverged run is final: running the spec again leaves it alone
        SweepTesting.Recorder again = new SweepTesting.Recorder();
        ExperimentRunner.Summary rerun = harness.run(harness.plan(SweepTesting.spec("divergence", training, variants), temp),
                harness.store(store), again);
        assertThat(rerun.trained()).isZero();
        assertThat(again.skipped).extracting(SweepTesting.Recorder.Skipped::reason)
                .containsExactly("already diverged", "already completed");
    }
}
