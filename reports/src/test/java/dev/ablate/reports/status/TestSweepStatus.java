package dev.ablate.reports.status;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ablate.core.error.UserException;
import dev.ablate.reports.status.SweepStatus.Row;
import dev.ablate.reports.status.SweepStatus.State;
import dev.ablate.reports.store.FixtureStore;
import dev.ablate.store.Heartbeat;
import dev.ablate.store.RunFolder;
import dev.ablate.store.RunLock;
import dev.ablate.store.RunStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every state a run can be in, read from a hand-written run store. */
final class TestSweepStatus {

    @TempDir
    Path dir;

    @Test
    void finishedRunsShowTheirResult() throws IOException {
        FixtureStore.write(dir);
        SweepStatus status = SweepStatus.read(dir);
        assertThat(status.experiment()).isEqualTo("fixture");
        assertThat(status.runs()).hasSize(9);
        Row full = status.runs().get(0);
        assertThat(full.state()).isEqualTo(State.COMPLETED);
        assertThat(full.metric()).isEqualTo("accuracy");
        assertThat(full.value()).isEqualTo(FixtureStore.FULL[0]);
        assertThat(full.step()).isEqualTo(100);
        Row diverged = row(status, "attention=restricted(window=2)", 3);
        assertThat(diverged.state()).isEqualTo(State.DIVERGED);
        assertThat(diverged.step()).isEqualTo(40);
        Row failed = row(status, "attention=additive", 3);
        assertThat(failed.state()).isEqualTo(State.FAILED);
        assertThat(failed.error()).isEqualTo("boom");
        assertThat(status.counts()).containsEntry(State.COMPLETED, 7).containsEntry(State.DIVERGED, 1)
                .containsEntry(State.FAILED, 1).containsEntry(State.PENDING, 0);
    }

    @Test
    void unfinishedRunsArePendingInterruptedOrRunning() throws IOException {
        FixtureStore.write(dir);
        Path full2 = dir.resolve("attention=full").resolve("seed-2");
        Path full3 = dir.resolve("attention=full").resolve("seed-3");
        Files.delete(full2.resolve("result.json"));
        Files.delete(full3.resolve("result.json"));
        deleteTree(dir.resolve("attention=restricted(window=2)").resolve("seed-1"));

        SweepStatus before = SweepStatus.read(dir);
        assertThat(row(before, "attention=full", 2).state()).as("metrics but no result, nobody training it")
                .isEqualTo(State.INTERRUPTED);
        assertThat(row(before, "attention=full", 2).step()).isEqualTo(100);
        assertThat(row(before, "attention=full", 2).updated()).isNotNull();
        assertThat(row(before, "attention=restricted(window=2)", 1).state()).isEqualTo(State.PENDING);
        assertThat(row(before, "attention=restricted(window=2)", 1).step()).isNull();

        try (RunLock lock = new RunStore(dir).run("attention=full", 3).tryLock()) {
            assertThat(lock).isNotNull();
            Row running = row(SweepStatus.read(dir), "attention=full", 3);
            assertThat(running.state()).isEqualTo(State.RUNNING);
            assertThat(running.holder()).isEqualTo("this process");
            assertThat(new RunStore(dir).run("attention=full", 3).tryLock()).as("status took nothing from the worker").isNull();
        }
        assertThat(row(SweepStatus.read(dir), "attention=full", 3).state()).as("lock released")
                .isEqualTo(State.INTERRUPTED);
        assertThat(new RunStore(dir).run("attention=full", 3).lockHolder()).isEmpty();
    }

    @Test
    void aHeartbeatGivesTheHostJobStepAndTimeLeftAndGoesStaleWhenItStops() throws IOException {
        FixtureStore.write(dir);
        RunFolder full3 = new RunStore(dir).run("attention=full", 3);
        Files.delete(full3.path().resolve("result.json"));
        Instant beat = Instant.parse("2026-12-04T10:00:00Z");
        full3.writeHeartbeat(new Heartbeat("node7", 4242, "51_3", 160, 200, 0.5, beat.minusSeconds(60).toString(),
                beat.toString()));

        try (RunLock lock = full3.tryLock()) {
            assertThat(lock).isNotNull();
            SweepStatus now = SweepStatus.read(dir, beat.plusSeconds(10));
            Row running = row(now, "attention=full", 3);
            assertThat(running.state()).isEqualTo(State.RUNNING);
            assertThat(running.step()).as("the heartbeat's step, newer than the metrics' 100").isEqualTo(160);
            assertThat(running.host()).isEqualTo("node7");
            assertThat(running.job()).isEqualTo("51_3");
            assertThat(running.heartbeat()).isEqualTo(beat.toString());
            assertThat(running.etaSeconds()).isEqualTo(40 * 0.5);
            // One run left of 200 steps less 160 done, one running run at 0.5 s a step.
            assertThat(now.etaSeconds()).isEqualTo(20.0);

            Row stale = row(SweepStatus.read(dir, beat.plus(SweepStatus.STALE_AFTER).plusSeconds(1)), "attention=full", 3);
            assertThat(stale.state()).as("held, but no heartbeat for over two minutes").isEqualTo(State.STALE);
            assertThat(stale.etaSeconds()).isNull();
        }
        Row interrupted = row(SweepStatus.read(dir, beat.plusSeconds(10)), "attention=full", 3);
        assertThat(interrupted.state()).isEqualTo(State.INTERRUPTED);
        assertThat(interrupted.host()).as("where its worker was last seen").isEqualTo("node7");
        assertThat(interrupted.step()).isEqualTo(160);
        assertThat(SweepStatus.read(dir, beat).etaSeconds()).as("nothing running").isNull();
    }

    @Test
    void aFolderThatIsNotARunStoreIsAUserError() {
        assertThatThrownBy(() -> SweepStatus.read(dir)).isInstanceOf(UserException.class)
                .hasMessageContaining("not a run store");
    }

    private static Row row(SweepStatus status, String variant, int seed) {
        return status.runs().stream().filter(r -> r.variant().equals(variant) && r.seed() == seed).findFirst()
                .orElseThrow();
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
