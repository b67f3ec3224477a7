package dev.ablate.reports.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ablate.core.error.UserException;
import dev.ablate.store.MetricsLine;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class TestRunStoreReader {

    @TempDir
    Path dir;

    @Test
    void readsThePlanEveryRunAndItsCurve() {
        StoredExperiment e = StoredExperiment.read(FixtureStore.write(dir));
        assertThat(e.name()).isEqualTo("fixture");
        assertThat(e.baseline()).isEqualTo("attention=full");
        assertThat(e.metric()).isEqualTo("accuracy");
        assertThat(e.sequenceLength()).isEqualTo(24);
        assertThat(e.runs()).hasSize(9);
        assertThat(e.runsOf("attention=restricted(window=2)")).extracting(StoredRun::status)
                .containsExactly("completed", "completed", "diverged");
        StoredRun first = e.runsOf("attention=full").get(0);
        assertThat(first.result().metrics()).containsEntry("accuracy", 0.90);
        assertThat(first.curve()).hasSize(10 + 2);
        assertThat(first.curve().get(0)).isEqualTo(MetricsLine.of(10, "train", java.util.Map.of("loss", 0.21, "lr", 0.001)));
    }

    @Test
    void aRunWithoutResultIsUnfinishedAndItsCutLastLineIsSkipped() throws IOException {
        FixtureStore.write(dir);
        Path run = dir.resolve("attention=full").resolve("seed-2");
        Files.delete(run.resolve("result.json"));
        Files.writeString(run.resolve("metrics.jsonl"), "{\"step\":10,\"split\":\"train\",\"loss\":1.5}\n{\"step\":20,\"spl");
        Path never = dir.resolve("attention=full").resolve("seed-3");
        Files.delete(never.resolve("result.json"));
        Files.delete(never.resolve("metrics.jsonl"));
        Files.delete(never);
        StoredExperiment e = StoredExperiment.read(dir);
        assertThat(e.runsOf("attention=full")).extracting(StoredRun::status)
                .containsExactly("completed", "unfinished", "not run");
        assertThat(e.runsOf("attention=full").get(1).curve()).hasSize(1);
    }

    @Test
    void aBrokenLineInTheMiddleIsAnError() throws IOException {
        FixtureStore.write(dir);
        Path metrics = dir.resolve("attention=full").resolve("seed-1").resolve("metrics.jsonl");
        Files.writeString(metrics, "{\"step\":10,\"spl\n{\"step\":20,\"split\":\"train\",\"loss\":1.5}\n");
        assertThatThrownBy(() -> StoredExperiment.read(dir)).isInstanceOf(UserException.class)
                .hasMessageContaining("metrics.jsonl:1: not a JSON line");
    }

    @Test
    void notARunStore() throws IOException {
        assertThatThrownBy(() -> StoredExperiment.read(dir.resolve("missing"))).isInstanceOf(UserException.class)
                .hasMessageContaining("missing: no such folder");
        Files.createDirectories(dir.resolve("empty"));
        assertThatThrownBy(() -> StoredExperiment.read(dir.resolve("empty"))).isInstanceOf(UserException.class)
                .hasMessageContaining("not a run store (no experiment.json)");
    }
}
