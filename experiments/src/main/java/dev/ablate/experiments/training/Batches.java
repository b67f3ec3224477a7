package dev.ablate.experiments.training;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.ablate.tasks.Example;
import dev.ablate.tasks.TaskKind;
import dev.ablate.tasks.TokenBatch;
import dev.ablate.tasks.TrainingOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * A split's examples as model inputs and labels on a device: training batches in the {@link
 * TrainingOrder} of (seed, step), evaluation batches in split order. The layout is the task kind's
 * ({@link TaskKind#batch}).
 */
public final class Batches {

    /**
     * @param inputs what the model's forward takes
     * @param labels {@code [batch, length]} token ids, or {@code [batch]} classes
     * @param labelTokens the labels that count (padding excluded)
     * @param size examples in the batch
     * @param throughputTokens what tokens/s counts (see {@link TokenBatch})
     */
    public record Batch(NDList inputs, NDArray labels, long labelTokens, int size, long throughputTokens) {}

    private final TaskKind kind;
    private final List<Example> examples;
    private final TrainingOrder order;

    public Batches(TaskKind kind, List<Example> examples) {
        this.kind = kind;
        this.examples = examples;
        this.order = new TrainingOrder(examples.size());
    }

    public int size() {
        return examples.size();
    }

    /** The training batch of update {@code step} (1-based). */
    public Batch train(NDManager manager, long seed, int step, int batchSize) {
        List<Example> picked = new ArrayList<>(batchSize);
        for (int i : order.batch(seed, step, batchSize)) {
            picked.add(examples.get(i));
        }
        return arrays(manager, kind.batch(picked));
    }

    /** Examples {@code from} (inclusive) to {@code to} (exclusive), in order: for evaluation. */
    public Batch slice(NDManager manager, int from, int to) {
        return arrays(manager, kind.batch(examples.subList(from, to)));
    }

    public Example example(int index) {
        return examples.get(index);
    }

    private static Batch arrays(NDManager manager, TokenBatch batch) {
        NDList inputs = new NDList();
        batch.inputs().forEach(tokens -> inputs.add(array(manager, tokens)));
        return new Batch(inputs, array(manager, batch.labels()), batch.labelTokens(), batch.size(), batch.throughputTokens());
    }

    private static NDArray array(NDManager manager, TokenBatch.Tokens tokens) {
        return manager.create(tokens.ids(), new Shape(tokens.shape()));
    }
}
