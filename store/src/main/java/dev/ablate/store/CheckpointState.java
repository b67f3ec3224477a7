package dev.ablate.store;

/**
 * What a run needs to resume besides weights and optimizer moments: written as
 * {@code checkpoint/state.json}, last, so it only ever names files that are complete.
 *
 * @param step updates done; the weights and optimizer files of this step exist
 * @param bestStep the step of {@code checkpoint/best.params}, or 0 when there is none yet
 * @param bestValue the validation value of the spec's metric at {@code bestStep}
 * @param trainNanos time spent in training steps so far
 * @param wallNanos wall time of the run so far
 * @param trainedTokens tokens trained on so far, as {@code trainTokensPerSecond} counts them
 * @param stepMillis the duration of every step so far, for the median
 * @param peakGpuMemoryBytes the most GPU memory seen in use, or {@code null} on CPU
 */
public record CheckpointState(
        int step, int bestStep, Double bestValue, long trainNanos, long wallNanos, long trainedTokens,
        double[] stepMillis, Long peakGpuMemoryBytes) {}
