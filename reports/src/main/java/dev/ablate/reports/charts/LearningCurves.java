package dev.ablate.reports.charts;

import dev.ablate.reports.store.StoredExperiment;
import dev.ablate.reports.store.StoredRun;
import dev.ablate.store.MetricsLine;
import dev.ablate.store.VariantRecord;
import java.awt.BasicStroke;
import java.awt.Color;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * A value from metrics.jsonl against the step: each seed a thin line, each variant's mean over seeds
 * a bold one (at the steps every seed logged), one colour per variant.
 */
public final class LearningCurves {

    private LearningCurves() {}

    /**
     * @param train {@code true} for the training lines, {@code false} for the validation ones
     * @return {@code null} when no run logged {@code value} on that split
     */
    public static XYChart chart(StoredExperiment experiment, boolean train, String value, String title) {
        XYChart chart = ChartStyle.xy(title, "step", value);
        chart.getStyler().setMarkerSize(train ? 0 : 5);
        chart.getStyler().setXAxisDecimalPattern("#,##0");
        chart.getStyler().setXAxisTickMarkSpacingHint(90);
        int plotted = 0;
        List<VariantRecord> variants = experiment.variants();
        for (int i = 0; i < variants.size(); i++) {
            Color color = ChartStyle.color(i);
            List<TreeMap<Integer, Double>> seeds = new ArrayList<>();
            for (StoredRun run : experiment.runsOf(variants.get(i).id())) {
                TreeMap<Integer, Double> line = line(run.curve(), train, value);
                if (line.isEmpty()) {
                    continue;
                }
                seeds.add(line);
                XYSeries s = chart.addSeries(variants.get(i).id() + " seed " + run.seed(),
                        List.copyOf(line.keySet()), List.copyOf(line.values()));
                s.setLineColor(ChartStyle.faded(color));
                s.setLineStyle(new BasicStroke(0.8f));
                s.setMarker(SeriesMarkers.NONE);
                s.setShowInLegend(false);
                plotted++;
            }
            TreeMap<Integer, Double> mean = mean(seeds);
            if (!mean.isEmpty()) {
                XYSeries s = chart.addSeries(variants.get(i).id(), List.copyOf(mean.keySet()), List.copyOf(mean.values()));
                s.setLineColor(color);
                s.setMarkerColor(color);
                s.setLineStyle(new BasicStroke(2.4f));
                s.setMarker(train ? SeriesMarkers.NONE : SeriesMarkers.CIRCLE);
            }
        }
        return plotted == 0 ? null : chart;
    }

    private static TreeMap<Integer, Double> line(List<MetricsLine> curve, boolean train, String value) {
        TreeMap<Integer, Double> line = new TreeMap<>();
        for (MetricsLine p : curve) {
            Double v = p.values().get(value);
            if (p.split().equals(train ? MetricsLine.TRAIN : MetricsLine.VALID) && v != null && Double.isFinite(v)) {
                line.put(p.step(), v);
            }
        }
        return line;
    }

    private static TreeMap<Integer, Double> mean(List<TreeMap<Integer, Double>> seeds) {
        TreeMap<Integer, Double> mean = new TreeMap<>();
        if (seeds.isEmpty()) {
            return mean;
        }
        for (Map.Entry<Integer, Double> e : seeds.get(0).entrySet()) {
            double sum = 0;
            int n = 0;
            for (TreeMap<Integer, Double> seed : seeds) {
                Double v = seed.get(e.getKey());
                if (v != null) {
                    sum += v;
                    n++;
                }
            }
            if (n == seeds.size()) {
                mean.put(e.getKey(), sum / n);
            }
        }
        return mean;
    }
}
