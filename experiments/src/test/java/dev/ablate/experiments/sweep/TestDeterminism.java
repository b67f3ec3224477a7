package dev.ablate.experiments.sweep;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ablate.experiments.spec.ExperimentPlan;
import dev.ablate.store.RunResult;
import dev.ablate.store.RunStatus;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One spec and seed trained twice, in two fresh run stores, gives the same numbers. */
class TestDeterminism {

    @TempDir
    Path temp;

    @Test
    void sameSpecAndSeedGiveIdenticalResults() {
        SweepTesting.Harness harness = new SweepTesting.Harness();
        String spec = SweepTesting.spec("determinism", SweepTesting.training(40, ""), "");
        ExperimentPlan plan = harness.plan(spec, temp);

        SweepTesting.Recorder first = new SweepTesting.Recorder();
        ExperimentRunner.Summary a = harness.run(plan, harness.store(temp.resolve("a")), first);
        // the second run collects garbage after every step: constants freed under autograd would show
        SweepTesting.Recorder second = new SweepTesting.Recorder() {
            @Override
            public void step(int step, float loss, double tokensPerSecond) {
                super.step(step, loss, tokensPerSecond);
                System.gc();
            }
        };
        ExperimentRunner.Summary b = harness.run(harness.plan(spec, temp), harness.store(temp.resolve("b")), second);

        assertThat(a.trained()).isEqualTo(1);
        assertThat(b.trained()).isEqualTo(1);
        RunResult ra = a.results().get(0).orElseThrow();
        RunResult rb = b.results().get(0).orElseThrow();
        assertThat(ra.status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(ra.metrics()).isNotEmpty().containsKeys("loss", "exactMatch");
        assertThat(rb.metrics()).isEqualTo(ra.metrics());
        assertThat(rb.bestStep()).isEqualTo(ra.bestStep());
        assertThat(rb.steps()).isEqualTo(ra.steps()).isEqualTo(40);
        assertThat(rb.parameters()).isEqualTo(ra.parameters());
        assertThat(rb.variantHash()).isEqualTo(ra.variantHash());

        // every step's loss, as reported, and the losses written to metrics.jsonl
        assertThat(first.losses).hasSize(40);
        assertThat(second.losses).isEqualTo(first.losses);
        Path runA = temp.resolve("a").resolve("base").resolve("seed-3");
        Path runB = temp.resolve("b").resolve("base").resolve("seed-3");
        List<Map.Entry<Integer, Double>> lossesA = SweepTesting.trainingLosses(runA);
        assertThat(lossesA).extracting(Map.Entry::getKey).containsExactly(5, 10, 15, 20, 25, 30, 35, 40);
        assertThat(SweepTesting.trainingLosses(runB)).isEqualTo(lossesA);
        // the validation lines too
        assertThat(SweepTesting.lines(SweepTesting.metrics(runB), "valid"))
                .isEqualTo(SweepTesting.lines(SweepTesting.metrics(runA), "valid"));
        // training did something: the loss fell
        assertThat(first.losses.get(39)).isLessThan(first.losses.get(0));
    }

    @Test
    void anotherSeedGivesOtherNumbers() {
        SweepTesting.Harness harness = new SweepTesting.Harness();
        String spec = SweepTesting.spec("seeds", SweepTesting.training(10, ""), "").replace("\"seeds\": [3]", "\"seeds\": [3, 4]");
        SweepTesting.Recorder recorder = new SweepTesting.Recorder();
        ExperimentRunner.Summary summary = harness.run(harness.plan(spec, temp), harness.store(temp.resolve("s")), recorder);
        assertThat(summary.trained()).isEqualTo(2);
        assertThat(recorder.losses).hasSize(20);
        assertThat(recorder.losses.subList(10, 20)).isNotEqualTo(recorder.losses.subList(0, 10));
    }
}
