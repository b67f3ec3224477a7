package dev.ablate.reports.charts;

import java.awt.BasicStroke;
import java.util.List;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** A log-log chart of a measured quantity against the sequence length, one line per variant. */
public final class ScalingChart {

    /** One variant's line: its legend label and its (n, value) points, by increasing n. */
    public record Line(String label, List<Integer> n, List<Double> values) {}

    private ScalingChart() {}

    /** {@code null} when no line has a point. */
    public static XYChart chart(String title, String yTitle, List<Line> lines) {
        XYChart chart = ChartStyle.xy(title, "sequence length n", yTitle);
        chart.getStyler().setXAxisLogarithmic(true);
        chart.getStyler().setYAxisLogarithmic(true);
        chart.getStyler().setMarkerSize(8);
        int plotted = 0;
        for (int i = 0; i < lines.size(); i++) {
            Line line = lines.get(i);
            if (line.n().isEmpty()) {
                continue;
            }
            XYSeries s = chart.addSeries(line.label(), line.n(), line.values());
            s.setLineColor(ChartStyle.color(i));
            s.setMarkerColor(ChartStyle.color(i));
            s.setLineStyle(new BasicStroke(2f));
            s.setMarker(SeriesMarkers.CIRCLE);
            plotted++;
        }
        return plotted == 0 ? null : chart;
    }
}
