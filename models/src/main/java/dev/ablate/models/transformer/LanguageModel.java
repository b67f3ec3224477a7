package dev.ablate.models.transformer;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import dev.ablate.core.model.ModelConfig;
import dev.ablate.core.model.TaskShape;
import dev.ablate.models.transformer.TransformerLayers.LayerStack;

/**
 * A decoder-only language model: layers of causal self-attention and feed-forward networks (no
 * cross-attention). Input: {@code tokens [batch, length]}. Output: next-token logits {@code [batch,
 * length, vocabulary]}; position i depends on tokens 0..i only.
 */
public final class LanguageModel extends TransformerModel {

    final TokenEmbedding embedding;
    final LayerStack layers;
    final Linear outputProjection;

    /** @param outputProjection {@code null} when the embedding is the pre-softmax projection */
    LanguageModel(ModelConfig config, TaskShape task, TokenEmbedding embedding, LayerStack layers, Linear outputProjection) {
        super(config, task, 1);
        this.embedding = addChildBlock("embedding", embedding);
        this.layers = addChildBlock("layers", layers);
        this.outputProjection = outputProjection == null ? null : addChildBlock("outputProjection", outputProjection);
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray tokens = inputs.head();
        NDArray mask = tokens.neq(task().padIndex());
        NDArray embedded = embedding.forward(ps, new NDList(tokens), training).head();
        NDArray hidden = layers.forward(ps, new NDList(embedded, mask), training).head();
        return new NDList(outputProjection == null ? embedding.project(ps, hidden, training)
                : outputProjection.forward(ps, new NDList(hidden), training).head());
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {inputShapes[0].add(task().sourceVocabulary())};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape tokens = new Shape(1, 1);
        Shape activations = new Shape(1, 1, config().dModel());
        embedding.initialize(manager, dataType, tokens);
        layers.initialize(manager, dataType, activations, tokens);
        if (outputProjection != null) {
            outputProjection.initialize(manager, dataType, activations);
        }
    }
}
