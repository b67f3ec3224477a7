package dev.ablate.tasks;

import java.util.List;
import java.util.function.Function;

/**
 * A batch as token ids, before it becomes an engine's arrays: what a model's forward takes, its
 * labels, and what counts.
 *
 * @param inputs the model's inputs, in the order its forward takes them
 * @param labels {@code [batch, length]} token ids ({@link Vocabulary#PAD} where padded), or {@code [batch]} classes
 * @param labelTokens the labels that count (padding excluded)
 * @param size examples in the batch
 * @param throughputTokens what tokens/s counts: target tokens (the labels, EOS included) for
 *     sequence tasks, as fairseq and the PyTorch peer count them; input tokens for classification
 */
public record TokenBatch(List<Tokens> inputs, Tokens labels, long labelTokens, int size, long throughputTokens) {

    public TokenBatch {
        inputs = List.copyOf(inputs);
    }

    /** The longest {@code side} of {@code examples}: what a batch pads to. */
    static int longest(List<Example> examples, Function<Example, int[]> side) {
        int longest = 0;
        for (Example e : examples) {
            longest = Math.max(longest, side.apply(e).length);
        }
        return longest;
    }

    /** Token ids in row-major order, of the given shape. */
    public record Tokens(int[] ids, long[] shape) {

        public static Tokens of(int[] ids, long... shape) {
            return new Tokens(ids, shape);
        }
    }
}
