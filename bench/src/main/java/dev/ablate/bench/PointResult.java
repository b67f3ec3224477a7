package dev.ablate.bench;

import java.util.List;

/**
 * What one point gave: its time and memory, or why it has none. In JSON it is the one line a child
 * process prints.
 *
 * @param outcome measured, out of memory, timed out, or failed otherwise
 * @param timeMs the median of the timed passes, in milliseconds; {@code null} unless measured
 * @param memoryBytes peak memory above the baseline; {@code null} when not measured
 * @param error what went wrong; {@code null} when measured
 * @param repeatsMs every timed pass, in the order run
 */
public record PointResult(Outcome outcome, Double timeMs, Long memoryBytes, String error, List<Double> repeatsMs) {

    /** How a point ended. */
    public enum Outcome {
        MEASURED,
        /** The engine or the JVM could not allocate, or the kernel killed the process (SIGKILL). */
        OUT_OF_MEMORY,
        TIMED_OUT,
        /** Anything else: a bug, reported with the child's message. */
        FAILED
    }

    public PointResult {
        repeatsMs = repeatsMs == null ? List.of() : List.copyOf(repeatsMs);
    }

    public static PointResult measured(double timeMs, Long memoryBytes, List<Double> repeatsMs) {
        return new PointResult(Outcome.MEASURED, timeMs, memoryBytes, null, repeatsMs);
    }

    public static PointResult error(Outcome outcome, String error) {
        return new PointResult(outcome, null, null, error, List.of());
    }

    public boolean ok() {
        return outcome == Outcome.MEASURED;
    }

    public PointResult withMemory(Long bytes) {
        return new PointResult(outcome, timeMs, bytes, error, repeatsMs);
    }

    public String toJson() {
        return PointProcess.toJson(this);
    }

    public static PointResult fromJson(String json) {
        return PointProcess.fromJson(json, PointResult.class, "point result");
    }
}
