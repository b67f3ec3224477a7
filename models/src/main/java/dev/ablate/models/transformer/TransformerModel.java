package dev.ablate.models.transformer;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import dev.ablate.core.model.ModelConfig;
import dev.ablate.core.model.TaskShape;
import java.util.Arrays;

/**
 * A Transformer built by {@link TransformerFactory}: one of the three families, with the config it
 * was built from and the task shape it was built for. Its inputs are token-id arrays.
 */
public abstract class TransformerModel extends AbstractBlock {

    private static final byte VERSION = 1;

    private final ModelConfig config;
    private final TaskShape task;
    private final int tokenInputs;

    /** @param tokenInputs how many token-id arrays its forward takes (the source and the target, or one) */
    TransformerModel(ModelConfig config, TaskShape task, int tokenInputs) {
        super(VERSION);
        this.config = config;
        this.task = task;
        this.tokenInputs = tokenInputs;
    }

    /** The config with every plugin filled in. */
    public ModelConfig config() {
        return config;
    }

    public TaskShape task() {
        return task;
    }

    /** Token-id inputs of batch 1 and length 1, enough to initialize every parameter. */
    public Shape[] tokenInputShapes() {
        Shape[] shapes = new Shape[tokenInputs];
        Arrays.fill(shapes, new Shape(1, 1));
        return shapes;
    }

    /** Creates every parameter on {@code manager}, drawing from the engine's random generator. */
    public void initialize(NDManager manager) {
        initialize(manager, DataType.FLOAT32, tokenInputShapes());
    }

    /** Trainable numbers (running statistics of batch norm excluded; tied matrices counted once). */
    public long parameterCount() {
        return getParameters().values().stream()
                .filter(Parameter::requiresGradient)
                .mapToLong(p -> p.getShape().size())
                .sum();
    }
}
