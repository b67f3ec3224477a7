package dev.ablate.reports.stats;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.util.List;
import org.apache.commons.statistics.distribution.TDistribution;

/**
 * A mean over seeds with its spread: the sample standard deviation (n − 1) and the two-sided
 * Student-t confidence interval {@code mean ± t(1 − α/2, n − 1) · std / √n}. With one value there is
 * no spread: std and the interval are {@code NaN} (null in JSON).
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record Estimate(
        int n,
        double mean,
        @JsonSerialize(using = FiniteOrNull.class) double std,
        @JsonSerialize(using = FiniteOrNull.class) double low,
        @JsonSerialize(using = FiniteOrNull.class) double high) {

    public static final double LEVEL = 0.95;

    public static Estimate of(List<Double> values) {
        int n = values.size();
        if (n == 0) {
            throw new IllegalArgumentException("no values");
        }
        double mean = values.stream().mapToDouble(Double::doubleValue).sum() / n;
        if (n == 1) {
            return new Estimate(1, mean, Double.NaN, Double.NaN, Double.NaN);
        }
        double squares = values.stream().mapToDouble(x -> (x - mean) * (x - mean)).sum();
        double std = Math.sqrt(squares / (n - 1));
        double half = tQuantile(n - 1) * std / Math.sqrt(n);
        return new Estimate(n, mean, std, mean - half, mean + half);
    }

    /** The t quantile at {@code 1 − (1 − LEVEL)/2} with {@code degrees} degrees of freedom (12.706 for 1). */
    public static double tQuantile(int degrees) {
        return TDistribution.of(degrees).inverseCumulativeProbability(1 - (1 - LEVEL) / 2);
    }

    public boolean hasInterval() {
        return !Double.isNaN(low);
    }

    /** Whether the interval contains {@code x} (false when there is no interval). */
    public boolean contains(double x) {
        return hasInterval() && low <= x && x <= high;
    }
}
