package dev.ablate.reports.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Power-law exponents: least-squares slopes in log-log space. */
public final class Fits {

    private Fits() {}

    /**
     * The least-squares slope of log(y) on log(x), the exponent k of y ≈ c·x^k. Pairs whose x or y
     * is not positive and finite are left out; {@code null} when fewer than two pairs remain or all
     * their x are equal.
     */
    public static Double logLogSlope(double[] x, double[] y) {
        if (x.length != y.length) {
            throw new IllegalArgumentException("x has " + x.length + " values, y has " + y.length);
        }
        List<double[]> pairs = new ArrayList<>();
        for (int i = 0; i < x.length; i++) {
            if (x[i] > 0 && y[i] > 0 && Double.isFinite(x[i]) && Double.isFinite(y[i])) {
                pairs.add(new double[] {Math.log(x[i]), Math.log(y[i])});
            }
        }
        if (pairs.size() < 2) {
            return null;
        }
        double meanX = pairs.stream().mapToDouble(p -> p[0]).average().orElseThrow();
        double meanY = pairs.stream().mapToDouble(p -> p[1]).average().orElseThrow();
        double sxx = 0;
        double sxy = 0;
        for (double[] p : pairs) {
            sxx += (p[0] - meanX) * (p[0] - meanX);
            sxy += (p[0] - meanX) * (p[1] - meanY);
        }
        return sxx == 0 ? null : sxy / sxx;
    }

    /**
     * One fit per variant, in the order the variants first appear in {@code points}: time and memory
     * slopes over the points without an error whose n is at least {@code fitMin} ({@code null}:
     * every n). Memory uses only the points with a positive memory.
     */
    public static List<BenchFit> fit(List<BenchPoint> points, Integer fitMin) {
        Map<String, List<BenchPoint>> byVariant = new LinkedHashMap<>();
        for (BenchPoint p : points) {
            byVariant.computeIfAbsent(p.variant(), v -> new ArrayList<>());
            if (p.ok() && p.timeMs() != null && (fitMin == null || p.n() >= fitMin)) {
                byVariant.get(p.variant()).add(p);
            }
        }
        List<BenchFit> fits = new ArrayList<>();
        byVariant.forEach((variant, used) -> {
            double[] n = used.stream().mapToDouble(BenchPoint::n).toArray();
            double[] time = used.stream().mapToDouble(BenchPoint::timeMs).toArray();
            List<BenchPoint> withMemory = used.stream()
                    .filter(p -> p.memoryBytes() != null && p.memoryBytes() > 0).toList();
            double[] memoryN = withMemory.stream().mapToDouble(BenchPoint::n).toArray();
            double[] memory = withMemory.stream().mapToDouble(p -> p.memoryBytes().doubleValue()).toArray();
            Double timeSlope = logLogSlope(n, time);
            Double memorySlope = logLogSlope(memoryN, memory);
            fits.add(new BenchFit(variant, timeSlope, memorySlope, n.length, memoryN.length));
        });
        return fits;
    }
}
