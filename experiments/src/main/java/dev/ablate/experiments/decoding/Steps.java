package dev.ablate.experiments.decoding;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.Arrays;

/** What the searches share: argument checks and one call of the step. */
final class Steps {

    private Steps() {}

    static void check(DecoderStep step, int batch, int[] maxLengths, NDManager manager) {
        if (step == null || maxLengths == null || manager == null) {
            throw new NullPointerException("step, maxLengths and manager are required");
        }
        if (batch < 0 || maxLengths.length != batch) {
            throw new IllegalArgumentException(
                    "batch " + batch + " needs one max length per source row, got " + maxLengths.length);
        }
        for (int m : maxLengths) {
            if (m < 0) {
                throw new IllegalArgumentException("max lengths must be >= 0, got " + Arrays.toString(maxLengths));
            }
        }
    }

    /**
     * Calls {@code step} on {@code rows} prefixes of {@code length} tokens, made in {@code scope};
     * the result is attached to {@code scope} as well, so closing it frees the whole step.
     */
    static NDArray next(DecoderStep step, NDManager scope, int[] prefixes, long[] origin, int rows, int length) {
        NDArray logProbabilities = step.next(scope.create(prefixes, new Shape(rows, length)), scope.create(origin));
        Shape shape = logProbabilities.getShape();
        if (shape.dimension() != 2 || shape.get(0) != rows || shape.get(1) < 1) {
            throw new IllegalStateException("a decoder step must return [rows, vocabulary] = [" + rows
                    + ", V] log-probabilities, got " + shape);
        }
        logProbabilities.attach(scope);
        return logProbabilities;
    }
}
