package dev.ablate.experiments.training;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.ablate.data.task.Example;
import dev.ablate.data.task.TaskKind;
import dev.ablate.data.task.Vocabulary;
import java.util.List;
import java.util.Random;

/**
 * Turns examples into padded model inputs and labels. Training batches are a pure function of
 * (seed, step): the examples are shuffled afresh every epoch from the seed, and step s takes the
 * s-th slice of that endless stream, so a resumed run reads exactly the batches an uninterrupted
 * one would, with no data position to save.
 *
 * <p>Sequence-to-sequence: source + EOS into the encoder, BOS + target into the decoder, target +
 * EOS as labels. Language model: BOS + text[0..n-1] in, text as labels. Classification: the source
 * in, the class as label.
 */
public final class Batches {

    /**
     * @param inputs what the model's forward takes
     * @param labels {@code [batch, length]} token ids ({@link Vocabulary#PAD} where padded), or {@code [batch]} classes
     * @param labelTokens the labels that count (padding excluded)
     * @param size examples in the batch
     * @param throughputTokens what tokens/s counts: target tokens (the labels, EOS included) for
     *     sequence tasks, as fairseq and the PyTorch peer count them; input tokens for classification
     */
    public record Batch(NDList inputs, NDArray labels, long labelTokens, int size, long throughputTokens) {}

    private final TaskKind kind;
    private final List<Example> examples;
    private long cachedSeed;
    private int cachedEpoch = -1;
    private int[] cachedOrder;

    public Batches(TaskKind kind, List<Example> examples) {
        if (examples.isEmpty()) {
            throw new IllegalArgumentException("no examples");
        }
        this.kind = kind;
        this.examples = examples;
    }

    public int size() {
        return examples.size();
    }

    /** The training batch of update {@code step} (1-based). */
    public Batch train(NDManager manager, long seed, int step, int batchSize) {
        int[] picked = new int[batchSize];
        long first = (long) (step - 1) * batchSize;
        for (int i = 0; i < batchSize; i++) {
            long position = first + i;
            int epoch = (int) (position / examples.size());
            picked[i] = order(seed, epoch)[(int) (position % examples.size())];
        }
        return batch(manager, picked);
    }

    /** Examples {@code from} (inclusive) to {@code to} (exclusive), in order: for evaluation. */
    public Batch slice(NDManager manager, int from, int to) {
        int[] picked = new int[to - from];
        for (int i = 0; i < picked.length; i++) {
            picked[i] = from + i;
        }
        return batch(manager, picked);
    }

    public Example example(int index) {
        return examples.get(index);
    }

    private int[] order(long seed, int epoch) {
        if (epoch != cachedEpoch || seed != cachedSeed) {
            int[] order = new int[examples.size()];
            for (int i = 0; i < order.length; i++) {
                order[i] = i;
            }
            Random random = new Random(seed * 1_000_003L + epoch);
            for (int i = order.length - 1; i > 0; i--) {
                int j = random.nextInt(i + 1);
                int t = order[i];
                order[i] = order[j];
                order[j] = t;
            }
            cachedSeed = seed;
            cachedEpoch = epoch;
            cachedOrder = order;
        }
        return cachedOrder;
    }

    private Batch batch(NDManager manager, int[] picked) {
        int n = picked.length;
        return switch (kind) {
            case SEQUENCE_TO_SEQUENCE -> {
                int sourceLength = 0;
                int targetLength = 0;
                for (int i : picked) {
                    sourceLength = Math.max(sourceLength, examples.get(i).source().length + 1);
                    targetLength = Math.max(targetLength, examples.get(i).target().length + 1);
                }
                int[] source = new int[n * sourceLength];
                int[] input = new int[n * targetLength];
                int[] labels = new int[n * targetLength];
                long tokens = 0;
                for (int r = 0; r < n; r++) {
                    Example e = examples.get(picked[r]);
                    System.arraycopy(e.source(), 0, source, r * sourceLength, e.source().length);
                    source[r * sourceLength + e.source().length] = Vocabulary.EOS;
                    input[r * targetLength] = Vocabulary.BOS;
                    System.arraycopy(e.target(), 0, input, r * targetLength + 1, e.target().length);
                    System.arraycopy(e.target(), 0, labels, r * targetLength, e.target().length);
                    labels[r * targetLength + e.target().length] = Vocabulary.EOS;
                    tokens += e.target().length + 1;
                }
                yield new Batch(new NDList(manager.create(source, new Shape(n, sourceLength)),
                        manager.create(input, new Shape(n, targetLength))),
                        manager.create(labels, new Shape(n, targetLength)), tokens, n, tokens);
            }
            case LANGUAGE_MODEL -> {
                int length = 0;
                for (int i : picked) {
                    length = Math.max(length, examples.get(i).source().length);
                }
                int[] input = new int[n * length];
                int[] labels = new int[n * length];
                long tokens = 0;
                for (int r = 0; r < n; r++) {
                    int[] text = examples.get(picked[r]).source();
                    input[r * length] = Vocabulary.BOS;
                    System.arraycopy(text, 0, input, r * length + 1, text.length - 1);
                    System.arraycopy(text, 0, labels, r * length, text.length);
                    tokens += text.length;
                }
                yield new Batch(new NDList(manager.create(input, new Shape(n, length))),
                        manager.create(labels, new Shape(n, length)), tokens, n, tokens);
            }
            case CLASSIFICATION -> {
                int length = 0;
                for (int i : picked) {
                    length = Math.max(length, examples.get(i).source().length);
                }
                int[] input = new int[n * length];
                int[] labels = new int[n];
                long tokens = 0;
                for (int r = 0; r < n; r++) {
                    Example e = examples.get(picked[r]);
                    System.arraycopy(e.source(), 0, input, r * length, e.source().length);
                    labels[r] = e.label();
                    tokens += e.source().length;
                }
                yield new Batch(new NDList(manager.create(input, new Shape(n, length))),
                        manager.create(labels, new Shape(n)), n, n, tokens);
            }
        };
    }
}
