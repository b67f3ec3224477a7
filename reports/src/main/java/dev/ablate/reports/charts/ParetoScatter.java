package dev.ablate.reports.charts;

import java.awt.BasicStroke;
import java.awt.Color;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Accuracy against a cost, one point per variant (with its confidence interval as an error bar), and
 * the Pareto front: the variants no other variant beats on both axes at once.
 */
public final class ParetoScatter {

    /** One variant: its cost and its metric (mean, and the interval's half-width; 0 when there is none). */
    public record Point(String variant, double cost, double value, double halfWidth) {}

    private ParetoScatter() {}

    /** The points on the front, by increasing cost. */
    public static List<Point> front(List<Point> points, boolean costLowerIsBetter, boolean higherIsBetter) {
        List<Point> front = new ArrayList<>();
        for (Point p : points) {
            boolean dominated = points.stream().anyMatch(q -> q != p && dominates(q, p, costLowerIsBetter, higherIsBetter));
            if (!dominated) {
                front.add(p);
            }
        }
        front.sort(Comparator.comparingDouble(Point::cost));
        return front;
    }

    /** {@code q} is at least as good as {@code p} on both axes and strictly better on one. */
    static boolean dominates(Point q, Point p, boolean costLowerIsBetter, boolean higherIsBetter) {
        int cost = Double.compare(q.cost(), p.cost()) * (costLowerIsBetter ? -1 : 1);
        int value = Double.compare(q.value(), p.value()) * (higherIsBetter ? 1 : -1);
        return cost >= 0 && value >= 0 && (cost > 0 || value > 0);
    }

    public static XYChart chart(String title, String costTitle, boolean costLowerIsBetter, boolean logCost,
            String metric, boolean higherIsBetter, List<Point> points) {
        XYChart chart = ChartStyle.xy(title, costTitle + (costLowerIsBetter ? " (lower is better)" : " (higher is better)"),
                metric + (higherIsBetter ? " (higher is better)" : " (lower is better)"));
        chart.getStyler().setXAxisLogarithmic(logCost);
        if (!logCost) {
            chart.getStyler().setXAxisDecimalPattern("#,##0");
        }
        chart.getStyler().setMarkerSize(11);
        List<Point> front = front(points, costLowerIsBetter, higherIsBetter);
        if (front.size() > 1) {
            XYSeries line = chart.addSeries("Pareto front", front.stream().map(Point::cost).toList(),
                    front.stream().map(Point::value).toList());
            line.setLineColor(new Color(0x888888));
            line.setLineStyle(new BasicStroke(1.5f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND, 1f, new float[] {6f, 4f}, 0f));
            line.setMarker(SeriesMarkers.NONE);
        }
        for (int i = 0; i < points.size(); i++) {
            Point p = points.get(i);
            boolean onFront = front.contains(p);
            XYSeries s = chart.addSeries(p.variant() + (onFront ? " ★" : ""), new double[] {p.cost()},
                    new double[] {p.value()}, new double[] {p.halfWidth()});
            s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
            s.setMarker(onFront ? SeriesMarkers.DIAMOND : SeriesMarkers.CIRCLE);
            s.setMarkerColor(ChartStyle.color(i));
        }
        chart.getStyler().setErrorBarsColorSeriesColor(true);
        return chart;
    }
}
