package dev.ablate.reports.report;

import dev.ablate.reports.accuracy.Comparison;
import dev.ablate.reports.accuracy.VariantSummary;
import dev.ablate.reports.charts.LearningCurves;
import dev.ablate.reports.charts.ParetoScatter;
import dev.ablate.reports.complexity.Units;
import dev.ablate.reports.complexity.VariantComplexity;
import dev.ablate.reports.stats.Estimate;
import dev.ablate.reports.store.StoredExperiment;
import dev.ablate.reports.verdict.Verdict;
import dev.ablate.reports.verdict.Verdicts;
import dev.ablate.store.MetricDescriptor;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import org.knowm.xchart.XYChart;

/**
 * What a report says, before it is written as HTML or Markdown: the accuracy tables, the complexity
 * table, the charts, and the runs that did not complete.
 */
record Report(
        StoredExperiment experiment,
        Comparison comparison,
        List<VariantComplexity> complexities,
        Table accuracy,
        Table allMetrics,
        Table complexity,
        List<String> incomplete,
        List<Chart> charts,
        List<Verdict> verdicts,
        Table expectations) {

    /** A chart and the file name it has beside report.md. */
    record Chart(String file, String title, String caption, XYChart chart) {}

    static Report of(Comparison comparison, List<VariantComplexity> complexities) {
        StoredExperiment e = comparison.experiment();
        List<String> incomplete = new ArrayList<>();
        for (VariantSummary r : comparison.rows()) {
            r.notes().forEach(n -> incomplete.add(r.variant() + ": " + n));
        }
        List<Verdict> verdicts = Verdicts.of(e);
        return new Report(e, comparison, complexities, accuracy(comparison), allMetrics(comparison),
                complexity(comparison, complexities), List.copyOf(incomplete), charts(comparison, complexities),
                verdicts, expectations(verdicts));
    }

    /** One row per claim of the spec: the claim, its verdict, the paired difference, the seeds, and why. */
    private static Table expectations(List<Verdict> verdicts) {
        List<List<Table.Cell>> rows = new ArrayList<>();
        for (Verdict v : verdicts) {
            List<String> why = new ArrayList<>();
            why.add(v.reason());
            if (v.seedsNeeded() != null) {
                why.add("about " + v.seedsNeeded() + " seeds would settle it at this spread");
            }
            why.addAll(v.notes());
            rows.add(List.of(
                    Table.Cell.of(v.claim().sentence()),
                    new Table.Cell(v.outcome().label(), v.outcome() == Verdict.Outcome.CONFIRMED),
                    Table.Cell.of(v.difference() == null ? "–" : Numbers.signed(v.difference().mean())),
                    Table.Cell.of(Numbers.interval(v.difference())),
                    Table.Cell.of(String.valueOf(v.seeds().size())),
                    Table.Cell.of(String.join("; ", why))));
        }
        return new Table(List.of("claim", "verdict", "Δ (variant − vs)", "95% interval", "seeds", "why"), rows,
                List.of(false, false, true, true, true, false));
    }

    private static Table accuracy(Comparison comparison) {
        StoredExperiment e = comparison.experiment();
        MetricDescriptor metric = e.headingMetric();
        List<String> best = comparison.best(metric);
        List<List<Table.Cell>> rows = new ArrayList<>();
        for (VariantSummary r : comparison.rows()) {
            Estimate m = r.metrics().get(metric.name());
            rows.add(List.of(
                    Table.Cell.of(r.variant() + (r.baseline() ? " (baseline)" : "")),
                    Table.Cell.of(r.parameters() == null ? "–" : String.format("%,d", r.parameters())),
                    new Table.Cell(Numbers.meanStd(m), best.contains(r.variant())),
                    Table.Cell.of(Numbers.interval(m)),
                    Table.Cell.of(r.baseline() ? "–" : Numbers.delta(r.deltas().get(metric.name()))),
                    Table.Cell.of(r.completed() + " of " + r.seeds()
                            + (r.notes().isEmpty() ? "" : " (" + String.join("; ", r.notes()) + ")"))));
        }
        String arrow = metric.higherIsBetter() ? " ↑" : " ↓";
        return new Table(List.of("variant", "parameters", metric.name() + arrow + " mean ± std",
                (int) (Estimate.LEVEL * 100) + "% CI", "Δ vs baseline (paired by seed) [" + (int) (Estimate.LEVEL * 100)
                        + "% CI]", "seeds completed"),
                rows, List.of(false, true, true, true, true, false));
    }

    private static Table allMetrics(Comparison comparison) {
        List<MetricDescriptor> metrics = comparison.metrics();
        List<String> header = new ArrayList<>(List.of("variant"));
        metrics.forEach(m -> header.add(m.name() + (m.higherIsBetter() ? " ↑" : " ↓")));
        List<List<String>> best = metrics.stream().map(comparison::best).toList();
        List<List<Table.Cell>> rows = new ArrayList<>();
        for (VariantSummary r : comparison.rows()) {
            List<Table.Cell> row = new ArrayList<>(List.of(Table.Cell.of(r.variant())));
            for (int i = 0; i < metrics.size(); i++) {
                row.add(new Table.Cell(Numbers.meanStd(r.metrics().get(metrics.get(i).name())),
                        best.get(i).contains(r.variant())));
            }
            rows.add(row);
        }
        List<Boolean> numeric = new ArrayList<>(List.of(false));
        metrics.forEach(m -> numeric.add(true));
        return new Table(header, rows, numeric);
    }

    private static Table complexity(Comparison comparison, List<VariantComplexity> complexities) {
        double leastFlops = complexities.stream().mapToDouble(VariantComplexity::flops).filter(Double::isFinite).min()
                .orElse(Double.NaN);
        double leastMemory = complexities.stream().mapToDouble(VariantComplexity::activationBytes).filter(Double::isFinite)
                .min().orElse(Double.NaN);
        if (complexities.stream().mapToDouble(VariantComplexity::flops).distinct().count() <= 1) {
            leastFlops = Double.NaN; // all equal: nothing to mark
        }
        if (complexities.stream().mapToDouble(VariantComplexity::activationBytes).distinct().count() <= 1) {
            leastMemory = Double.NaN;
        }
        double fastest = comparison.rows().stream().map(VariantSummary::trainTokensPerSecond).filter(Objects::nonNull)
                .mapToDouble(Estimate::mean).max().orElse(Double.NaN);
        List<List<Table.Cell>> rows = new ArrayList<>();
        for (VariantComplexity c : complexities) {
            VariantSummary r = comparison.rows().stream().filter(s -> s.variant().equals(c.variant())).findFirst()
                    .orElseThrow();
            boolean known = c.complexity() != null;
            rows.add(List.of(
                    Table.Cell.of(c.variant()),
                    Table.Cell.of(c.attention()),
                    Table.Cell.of(known ? c.complexity().perLayer() : "unknown (plugin not installed)"),
                    Table.Cell.of(known ? c.complexity().sequentialOperations() : "–"),
                    Table.Cell.of(known ? c.complexity().maximumPathLength() : "–"),
                    new Table.Cell(known ? Units.flops(c.flops()) : "–", known && c.flops() == leastFlops),
                    new Table.Cell(known ? Units.bytes(c.activationBytes()) : "–",
                            known && c.activationBytes() == leastMemory),
                    new Table.Cell(r.trainTokensPerSecond() == null ? "–" : Numbers.meanStd(r.trainTokensPerSecond()),
                            r.trainTokensPerSecond() != null && r.trainTokensPerSecond().mean() == fastest),
                    Table.Cell.of(r.medianStepMs() == null ? "–" : Numbers.format(r.medianStepMs().mean()) + " ms"),
                    Table.Cell.of(r.peakGpuMemoryBytes() == null ? "not measured" : Units.bytes(r.peakGpuMemoryBytes()))));
        }
        VariantComplexity first = complexities.get(0);
        String at = "n=" + first.size().n() + ", d=" + first.size().d() + ", h=" + first.size().h();
        return new Table(List.of("variant", "attention", "complexity per layer", "sequential operations",
                "maximum path length", "FLOPs per layer (" + at + ")", "activations per layer", "train tokens/s",
                "median step", "peak GPU memory"),
                rows, List.of(false, false, false, false, false, true, true, true, true, true));
    }

    private static List<Chart> charts(Comparison comparison, List<VariantComplexity> complexities) {
        StoredExperiment e = comparison.experiment();
        MetricDescriptor metric = e.headingMetric();
        List<Chart> charts = new ArrayList<>();
        add(charts, "curve-train-loss.svg", "Training loss",
                "Training loss (label-smoothed cross-entropy) against the step: each seed thin, the mean over seeds bold.",
                LearningCurves.chart(e, true, "loss", "Training loss"));
        if (!metric.name().equals("loss")) {
            add(charts, "curve-valid-" + metric.name() + ".svg", "Validation " + metric.name(),
                    "Validation " + metric.name() + " at each evaluation: each seed thin, the mean bold.",
                    LearningCurves.chart(e, false, metric.name(), "Validation " + metric.name()));
        }
        add(charts, "curve-valid-loss.svg", "Validation loss",
                "Validation loss (cross-entropy, no smoothing) at each evaluation: each seed thin, the mean bold.",
                LearningCurves.chart(e, false, "loss", "Validation loss"));
        List<ParetoScatter.Point> bySpeed = points(comparison, metric, r -> r.trainTokensPerSecond() == null ? null
                : r.trainTokensPerSecond().mean());
        if (bySpeed.size() > 1) {
            add(charts, "pareto-tokens-per-second.svg", metric.name() + " against training speed",
                    "Test " + metric.name() + " (mean, " + (int) (Estimate.LEVEL * 100) + "% CI as error bar) against "
                            + "measured training tokens/s. The dashed line joins the Pareto front (★): variants no other "
                            + "variant beats on both.",
                    ParetoScatter.chart(metric.name() + " against training speed", "train tokens/s", false, false,
                            metric.name(), metric.higherIsBetter(), bySpeed));
        }
        List<ParetoScatter.Point> byFlops = new ArrayList<>();
        for (ParetoScatter.Point p : points(comparison, metric, r -> 1.0)) {
            complexities.stream().filter(c -> c.variant().equals(p.variant()) && Double.isFinite(c.flops())).findFirst()
                    .ifPresent(c -> byFlops.add(new ParetoScatter.Point(p.variant(), c.flops(), p.value(), p.halfWidth())));
        }
        if (byFlops.size() > 1) {
            add(charts, "pareto-flops.svg", metric.name() + " against attention FLOPs",
                    "Test " + metric.name() + " against the attention FLOPs per layer from each plugin's complexity "
                            + "model at the task's n; the dashed line joins the Pareto front (★).",
                    ParetoScatter.chart(metric.name() + " against attention FLOPs", "FLOPs per layer", true, true,
                            metric.name(), metric.higherIsBetter(), byFlops));
        }
        return List.copyOf(charts);
    }

    private static List<ParetoScatter.Point> points(Comparison comparison, MetricDescriptor metric,
            Function<VariantSummary, Double> cost) {
        List<ParetoScatter.Point> points = new ArrayList<>();
        for (VariantSummary r : comparison.rows()) {
            Estimate m = r.metrics().get(metric.name());
            Double c = cost.apply(r);
            if (m != null && c != null) {
                points.add(new ParetoScatter.Point(r.variant(), c, m.mean(), m.hasInterval() ? m.high() - m.mean() : 0));
            }
        }
        return points;
    }

    private static void add(List<Chart> charts, String file, String title, String caption, XYChart chart) {
        if (chart != null) {
            charts.add(new Chart(file, title, caption, chart));
        }
    }
}
