package dev.ablate.reports.bench;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * One measured point of the attention scaling benchmark: one attention layer, one sequence length,
 * forward and backward.
 *
 * @param variant the variant's name, e.g. {@code full} or {@code restricted(window=32)}
 * @param n the sequence length
 * @param timeMs the median over the repeats of one forward + backward pass, in milliseconds; {@code
 *     null} when the point failed
 * @param memoryBytes the peak memory of the point above the process's baseline, in bytes; {@code
 *     null} when not measured (no {@code /proc}) or when the point failed
 * @param error why the point has no numbers ("out of memory: ...", "timed out after 600 s", ...);
 *     absent when it was measured
 * @param repeatsMs every timed repeat, in the order run (the median of which is {@code timeMs})
 */
public record BenchPoint(
        String variant,
        int n,
        Double timeMs,
        Long memoryBytes,
        @JsonInclude(JsonInclude.Include.NON_NULL) String error,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) List<Double> repeatsMs) {

    public BenchPoint {
        repeatsMs = repeatsMs == null ? List.of() : List.copyOf(repeatsMs);
    }

    /** A point that was measured. */
    public static BenchPoint measured(String variant, int n, double timeMs, Long memoryBytes, List<Double> repeatsMs) {
        return new BenchPoint(variant, n, timeMs, memoryBytes, null, repeatsMs);
    }

    /** A point that failed: out of memory, timed out, or another error. */
    public static BenchPoint failed(String variant, int n, String error) {
        return new BenchPoint(variant, n, null, null, error, List.of());
    }

    public boolean ok() {
        return error == null;
    }
}
