package dev.ablate.reports.accuracy;

import dev.ablate.reports.stats.Estimate;
import dev.ablate.reports.stats.PairedDelta;
import dev.ablate.reports.store.StoredExperiment;
import dev.ablate.reports.store.StoredRun;
import dev.ablate.store.MetricDescriptor;
import dev.ablate.store.RunResult;
import dev.ablate.store.VariantRecord;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The accuracy side of a report: every variant over its seeds, against the baseline. Only completed
 * runs enter the statistics; every other run is named in its variant's notes, never dropped silently.
 */
public final class Comparison {

    private final StoredExperiment experiment;
    private final List<VariantSummary> rows;

    private Comparison(StoredExperiment experiment, List<VariantSummary> rows) {
        this.experiment = experiment;
        this.rows = rows;
    }

    public static Comparison of(StoredExperiment experiment) {
        Map<String, Map<String, Map<Integer, Double>>> bySeed = new LinkedHashMap<>();
        for (VariantRecord v : experiment.variants()) {
            bySeed.put(v.id(), valuesBySeed(experiment.runsOf(v.id()), experiment.metrics()));
        }
        Map<String, Map<Integer, Double>> baseline = bySeed.getOrDefault(experiment.baseline(), Map.of());
        List<VariantSummary> rows = new ArrayList<>();
        for (VariantRecord v : experiment.variants()) {
            List<StoredRun> runs = experiment.runsOf(v.id());
            List<RunResult> done = runs.stream().map(StoredRun::result).filter(Objects::nonNull)
                    .filter(RunResult::completed).toList();
            boolean isBaseline = v.id().equals(experiment.baseline());
            Map<String, Estimate> metrics = new LinkedHashMap<>();
            Map<String, PairedDelta> deltas = new LinkedHashMap<>();
            bySeed.get(v.id()).forEach((metric, values) -> {
                if (!values.isEmpty()) {
                    metrics.put(metric, Estimate.of(List.copyOf(values.values())));
                    PairedDelta delta = isBaseline ? null : PairedDelta.of(values, baseline.getOrDefault(metric, Map.of()));
                    if (delta != null) {
                        deltas.put(metric, delta);
                    }
                }
            });
            Long parameters = runs.stream().map(StoredRun::result).filter(Objects::nonNull)
                    .map(RunResult::parameters).filter(p -> p > 0).findFirst().orElse(null);
            Long peak = done.stream().map(RunResult::peakGpuMemoryBytes).filter(Objects::nonNull)
                    .max(Long::compare).orElse(null);
            rows.add(new VariantSummary(v.id(), isBaseline, parameters, runs.size(), done.size(), notes(runs),
                    metrics, deltas, estimate(done, RunResult::trainTokensPerSecond),
                    estimate(done, RunResult::medianStepMs), peak));
        }
        return new Comparison(experiment, List.copyOf(rows));
    }

    public StoredExperiment experiment() {
        return experiment;
    }

    public List<VariantSummary> rows() {
        return rows;
    }

    /** The metrics that at least one variant has a value for, in the task's order. */
    public List<MetricDescriptor> metrics() {
        return experiment.metrics().stream()
                .filter(m -> rows.stream().anyMatch(r -> r.metrics().containsKey(m.name())))
                .toList();
    }

    /** The variant(s) with the best mean of {@code metric} (ties all count); none when nobody has it or all tie. */
    public List<String> best(MetricDescriptor metric) {
        double best = rows.stream().map(r -> r.metrics().get(metric.name())).filter(Objects::nonNull)
                .mapToDouble(Estimate::mean)
                .reduce(metric.higherIsBetter() ? Math::max : Math::min)
                .orElse(Double.NaN);
        List<String> winners = rows.stream()
                .filter(r -> r.metrics().containsKey(metric.name()) && r.metrics().get(metric.name()).mean() == best)
                .map(VariantSummary::variant)
                .toList();
        // When every variant ties, nobody is best.
        long measured = rows.stream().filter(r -> r.metrics().containsKey(metric.name())).count();
        return winners.size() == measured && measured > 1 ? List.of() : winners;
    }

    private static Map<String, Map<Integer, Double>> valuesBySeed(List<StoredRun> runs, List<MetricDescriptor> metrics) {
        Map<String, Map<Integer, Double>> values = new LinkedHashMap<>();
        metrics.forEach(m -> values.put(m.name(), new TreeMap<>()));
        for (StoredRun run : runs) {
            if (run.result() != null && run.result().completed() && run.result().metrics() != null) {
                run.result().metrics().forEach((name, value) -> {
                    if (value != null && Double.isFinite(value)) {
                        values.computeIfAbsent(name, k -> new TreeMap<>()).put(run.seed(), value);
                    }
                });
            }
        }
        return values;
    }

    private static Estimate estimate(List<RunResult> runs, Function<RunResult, Double> field) {
        List<Double> values = runs.stream().map(field).filter(Objects::nonNull).toList();
        return values.isEmpty() ? null : Estimate.of(values);
    }

    private static List<String> notes(List<StoredRun> runs) {
        List<String> notes = new ArrayList<>();
        for (StoredRun run : runs) {
            RunResult r = run.result();
            if (r != null && r.completed()) {
                continue;
            }
            String what = r == null ? run.status() : switch (r.status()) {
                case DIVERGED -> "diverged" + (r.divergedAtStep() == null ? "" : " at step " + r.divergedAtStep());
                case FAILED -> "failed" + (r.error() == null ? "" : ": " + r.error());
                case COMPLETED -> run.status();
            };
            notes.add(String.format(Locale.ROOT, "seed %d %s", run.seed(), what));
        }
        return List.copyOf(notes);
    }
}
