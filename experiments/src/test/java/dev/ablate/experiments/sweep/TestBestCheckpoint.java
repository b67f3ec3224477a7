package dev.ablate.experiments.sweep;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ablate.store.RunResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code "checkpoint": "best"} evaluates the weights of the best validation step. The first steps
 * of a run do not depend on how many steps it has (constant schedule; batches and dropout from
 * (seed, step)), so the best weights of a 20-step run whose best step is 10 are the last weights
 * of a 10-step run.
 */
class TestBestCheckpoint {

    @TempDir
    Path temp;

    private final SweepTesting.Harness harness = new SweepTesting.Harness();

    /** 20 steps, validation at 10 and 20 by exact match (0 at both this early, so the best is step 10). */
    private String twentySteps() {
        return SweepTesting.spec("best", SweepTesting.training(20, ""), "");
    }

    private Map<String, Double> lastWeightsAtStep10() {
        String spec = SweepTesting.spec("ten", SweepTesting.training(10, ""), "")
                .replace("\"evaluation\": {", "\"evaluation\": {\"checkpoint\": \"last\", ");
        RunResult ten = harness.run(harness.plan(spec, temp), harness.store(temp.resolve("ten")), ProgressListener.NONE)
                .results().get(0).orElseThrow();
        assertThat(ten.checkpoint()).isEqualTo("last");
        assertThat(ten.bestStep()).isEqualTo(10);
        return ten.metrics();
    }

    @Test
    void bestCheckpointEvaluatesTheBestWeights() {
        RunResult best = harness.run(harness.plan(twentySteps(), temp), harness.store(temp.resolve("best")),
                ProgressListener.NONE).results().get(0).orElseThrow();
        assertThat(best.checkpoint()).isEqualTo("best");
        assertThat(best.bestStep()).as("precondition: the best validation step is 10").isEqualTo(10);
        assertThat(best.metrics()).isEqualTo(lastWeightsAtStep10());
    }

    @Test
    void bestCheckpointEvaluatedInASessionThatOnlyEvaluatesIsTheBestStep() throws IOException {
        // the run is complete but for result.json: the resumed session loads best.params before any forward
        Path store = temp.resolve("best");
        RunResult first = harness.run(harness.plan(twentySteps(), temp), harness.store(store), ProgressListener.NONE)
                .results().get(0).orElseThrow();
        assertThat(first.bestStep()).as("precondition: the best validation step is 10").isEqualTo(10);
        Files.delete(store.resolve("base").resolve("seed-3").resolve("result.json"));
        RunResult again = harness.run(harness.plan(twentySteps(), temp), harness.store(store), ProgressListener.NONE)
                .results().get(0).orElseThrow();
        assertThat(again.bestStep()).isEqualTo(10);
        assertThat(again.metrics()).isEqualTo(lastWeightsAtStep10());
    }
}
