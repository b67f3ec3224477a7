package dev.ablate.reports.status;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.ablate.store.ExperimentRecord;
import dev.ablate.store.MetricsLine;
import dev.ablate.store.RunFolder;
import dev.ablate.store.RunResult;
import dev.ablate.store.RunStatus;
import dev.ablate.store.RunStore;
import dev.ablate.store.VariantRecord;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Where every planned run of a sweep stands, read from the run store alone (so it works while
 * workers train, and on another machine that sees the folder): each run's result.json, its lock and
 * its metrics.jsonl.
 *
 * @param experiment the experiment's name
 * @param runs one row per planned run, in plan order (variants, then seeds)
 */
public record SweepStatus(String experiment, List<Row> runs) {

    /** What a run is doing. */
    public enum State {
        /** Not started: no metrics yet and nobody holds its lock. */
        PENDING,
        /** A process holds its lock: it is training (or evaluating) now. */
        RUNNING,
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
     * @param step the last step it logged (running, interrupted), trained (completed) or diverged at
     * @param steps the steps it is planned for
     * @param holder the process training it ("pid@host since ..."), while running
     * @param updated when it last wrote a metrics line (ISO-8601), while running or interrupted
     * @param metric the experiment's heading metric, with {@code value} its result, when completed
     * @param error what went wrong, when failed
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Row(String variant, int seed, State state, Integer step, int steps, String holder, String updated,
            String metric, Double value, String error) {}

    public static SweepStatus read(Path root) throws IOException {
        RunStore store = RunStore.open(root);
        ExperimentRecord experiment = store.experiment();
        List<Row> rows = new ArrayList<>();
        for (VariantRecord variant : experiment.variants()) {
            int steps = variant.config().path("training").path("steps").asInt(0);
            String metric = variant.config().path("evaluation").path("metric").asText(null);
            for (int seed : experiment.seeds()) {
                rows.add(row(store.run(variant.id(), seed), variant.id(), seed, steps, metric));
            }
        }
        return new SweepStatus(experiment.experiment(), List.copyOf(rows));
    }

    private static Row row(RunFolder run, String variant, int seed, int steps, String metric) throws IOException {
        Optional<RunResult> result = run.result();
        if (result.isPresent()) {
            RunResult r = result.get();
            if (r.status() == RunStatus.COMPLETED) {
                Double value = metric == null || r.metrics() == null ? null : r.metrics().get(metric);
                return new Row(variant, seed, State.COMPLETED, r.steps(), steps, null, null, metric, value, null);
            }
            if (r.status() == RunStatus.DIVERGED) {
                return new Row(variant, seed, State.DIVERGED, r.divergedAtStep(), steps, null, null, null, null, null);
            }
        }
        if (!run.exists()) {
            return new Row(variant, seed, State.PENDING, null, steps, null, null, null, null, null);
        }
        Optional<String> holder = run.lockHolder();
        Integer step = lastStep(run.metrics());
        String updated = run.metricsUpdated().map(Instant::toString).orElse(null);
        if (holder.isPresent()) {
            return new Row(variant, seed, State.RUNNING, step, steps, holder.get(), updated, null, null, null);
        }
        if (result.isPresent()) {
            return new Row(variant, seed, State.FAILED, step, steps, null, null, null, null, result.get().error());
        }
        State state = step == null ? State.PENDING : State.INTERRUPTED;
        return new Row(variant, seed, state, step, steps, null, state == State.PENDING ? null : updated, null, null, null);
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
