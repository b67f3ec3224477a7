package dev.ablate.reports.status;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.ablate.store.ExperimentRecord;
import dev.ablate.store.Heartbeat;
import dev.ablate.store.MetricsLine;
import dev.ablate.store.RunFolder;
import dev.ablate.store.RunResult;
import dev.ablate.store.RunStatus;
import dev.ablate.store.RunStore;
import dev.ablate.store.VariantRecord;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Where every planned run of a sweep stands, read from the run store alone (so it works while
 * workers train, and on a login node that sees the folder): each run's result.json, its lock, its
 * heartbeat.json and its metrics.jsonl.
 *
 * @param experiment the experiment's name
 * @param runs one row per planned run, in plan order (variants, then seeds)
 * @param etaSeconds a rough time to the end of the sweep: the unfinished steps of every unfinished
 *     run at the running runs' mean time per step, shared among the running runs; null when nothing
 *     runs or no step has been timed yet
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SweepStatus(String experiment, List<Row> runs, Double etaSeconds) {

    /**
     * A run whose lock is held but whose heartbeat is older than this has a worker that is likely dead
     * (on a shared filesystem a lock can outlive its node until the server reclaims it).
     */
    public static final Duration STALE_AFTER = Duration.ofMinutes(2);

    /** What a run is doing. */
    public enum State {
        /** Not started: no metrics yet and nobody holds its lock. */
        PENDING,
        /** A process holds its lock: it is training (or evaluating) now. */
        RUNNING,
        /** Its lock is held, but its heartbeat stopped: the worker is likely dead. */
        STALE,
        /** Started, no result and nobody training it: its worker stopped; the next run resumes it. */
        INTERRUPTED,
        COMPLETED,
        DIVERGED,
        /** Threw; the next run retries it. */
        FAILED;

        @JsonValue
        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * One run.
     *
     * @param step the last step it trained (running, stale, interrupted: from its heartbeat or its
     *     metrics, whichever is newer; completed) or diverged at
     * @param steps the steps it is planned for
     * @param holder the process holding its lock ("pid@host since ..."), while running or stale
     * @param host the machine its worker runs (or last ran) on, from the heartbeat
     * @param job the Slurm job (JOB_TASK) of that worker, when it ran in one
     * @param heartbeat when that worker last showed it was alive (ISO-8601)
     * @param updated when it last wrote a metrics line (ISO-8601), while running or interrupted
     * @param etaSeconds the time left at this session's mean time per step, while running
     * @param metric the experiment's heading metric, with {@code value} its result, when completed
     * @param error what went wrong, when failed
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Row(String variant, int seed, State state, Integer step, int steps, String holder, String host,
            String job, String heartbeat, String updated, Double etaSeconds, String metric, Double value,
            String error) {

        /** {@code <variant>/seed-<seed>}, as `ablate run --only` takes it. */
        public String id() {
            return variant + "/seed-" + seed;
        }
    }

    public static SweepStatus read(Path root) throws IOException {
        return read(root, Instant.now());
    }

    /** The status as seen at {@code now} (heartbeats older than {@link #STALE_AFTER} before it are stale). */
    public static SweepStatus read(Path root, Instant now) throws IOException {
        RunStore store = RunStore.open(root);
        ExperimentRecord experiment = store.experiment();
        List<Row> rows = new ArrayList<>();
        for (VariantRecord variant : experiment.variants()) {
            int steps = variant.config().path("training").path("steps").asInt(0);
            String metric = variant.config().path("evaluation").path("metric").asText(null);
            for (int seed : experiment.seeds()) {
                rows.add(row(store.run(variant.id(), seed), variant.id(), seed, steps, metric, now));
            }
        }
        return new SweepStatus(experiment.experiment(), List.copyOf(rows), eta(rows));
    }

    /** The sweep's rough remaining time (see {@link SweepStatus}), or null. */
    private static Double eta(List<Row> rows) {
        double secondsPerStep = 0;
        int timed = 0;
        int running = 0;
        long stepsLeft = 0;
        for (Row r : rows) {
            if (r.state() == State.RUNNING) {
                running++;
                if (r.etaSeconds() != null && r.step() != null && r.steps() > r.step()) {
                    secondsPerStep += r.etaSeconds() / (r.steps() - r.step());
                    timed++;
                }
            }
            if (r.state() != State.COMPLETED && r.state() != State.DIVERGED && r.state() != State.FAILED) {
                stepsLeft += Math.max(0, r.steps() - (r.step() == null ? 0 : r.step()));
            }
        }
        if (running == 0 || timed == 0) {
            return null;
        }
        return secondsPerStep / timed * stepsLeft / running;
    }

    private static Row row(RunFolder run, String variant, int seed, int plannedSteps, String metric, Instant now)
            throws IOException {
        int steps = plannedSteps;
        Optional<RunResult> result = run.result();
        if (result.isPresent()) {
            RunResult r = result.get();
            if (r.status() == RunStatus.COMPLETED) {
                Double value = metric == null || r.metrics() == null ? null : r.metrics().get(metric);
                return new Row(variant, seed, State.COMPLETED, r.steps(), steps, null, null, null, null, null, null,
                        metric, value, null);
            }
            if (r.status() == RunStatus.DIVERGED) {
                return new Row(variant, seed, State.DIVERGED, r.divergedAtStep(), steps, null, null, null, null, null,
                        null, null, null, null);
            }
        }
        if (!run.exists()) {
            return new Row(variant, seed, State.PENDING, null, steps, null, null, null, null, null, null, null, null,
                    null);
        }
        Optional<String> holder = run.lockHolder();
        Optional<Heartbeat> beat = run.heartbeat();
        Instant updated = run.metricsUpdated().orElse(null);
        Integer step = lastStep(run.metrics());
        Instant beatTime = beat.map(b -> Instant.parse(b.time())).orElse(null);
        if (steps == 0 && beat.isPresent()) {
            steps = beat.get().steps();
        }
        if (beat.isPresent() && (step == null || beat.get().step() > step)) {
            step = beat.get().step();
        }
        String host = beat.map(Heartbeat::host).orElse(null);
        String job = beat.map(Heartbeat::job).orElse(null);
        String heartbeat = beatTime == null ? null : beatTime.toString();
        String logged = updated == null ? null : updated.toString();
        if (holder.isPresent()) {
            Instant alive = beatTime != null ? beatTime : updated;
            boolean stale = alive != null && Duration.between(alive, now).compareTo(STALE_AFTER) > 0;
            Double eta = null;
            if (!stale && beat.isPresent() && beat.get().secondsPerStep() != null && step != null) {
                eta = Math.max(0, steps - step) * beat.get().secondsPerStep();
            }
            return new Row(variant, seed, stale ? State.STALE : State.RUNNING, step, steps, holder.get(), host, job,
                    heartbeat, logged, eta, null, null, null);
        }
        if (result.isPresent()) {
            return new Row(variant, seed, State.FAILED, step, steps, null, host, job, heartbeat, null, null, null, null,
                    result.get().error());
        }
        if (step == null) {
            return new Row(variant, seed, State.PENDING, null, steps, null, null, null, null, null, null, null, null,
                    null);
        }
        return new Row(variant, seed, State.INTERRUPTED, step, steps, null, host, job, heartbeat, logged, null, null,
                null, null);
    }

    private static Integer lastStep(List<MetricsLine> metrics) {
        return metrics.isEmpty() ? null : metrics.get(metrics.size() - 1).step();
    }

    /** How many runs are in each state, every state listed. */
    public Map<State, Integer> counts() {
        Map<State, Integer> counts = new EnumMap<>(State.class);
        for (State state : State.values()) {
            counts.put(state, 0);
        }
        runs.forEach(r -> counts.merge(r.state(), 1, Integer::sum));
        return counts;
    }
}
