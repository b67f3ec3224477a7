package dev.ablate.models.transformer;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import dev.ablate.core.model.ModelConfig;
import dev.ablate.core.model.TaskShape;

/** A Transformer built by {@link TransformerFactory}: one of the three families, with the config it was built from. */
public interface TransformerModel extends Block {

    /** The config with every plugin filled in. */
    ModelConfig config();

    TaskShape task();

    /** Token-id inputs of batch 1 and length 1, enough to initialize every parameter. */
    Shape[] tokenInputShapes();

    /** Creates every parameter on {@code manager}, drawing from the engine's random generator. */
    default void initialize(NDManager manager) {
        initialize(manager, DataType.FLOAT32, tokenInputShapes());
    }

    /** Trainable numbers (running statistics of batch norm excluded; tied matrices counted once). */
    default long parameterCount() {
        return getParameters().values().stream()
                .filter(Parameter::requiresGradient)
                .mapToLong(p -> p.getShape().size())
                .sum();
    }
}
