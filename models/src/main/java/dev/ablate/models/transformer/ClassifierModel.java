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
import dev.ablate.core.model.Pooling;
import dev.ablate.core.model.TaskShape;
import dev.ablate.models.transformer.TransformerLayers.LayerStack;

/**
 * An encoder with a classification head: the encoded sequence is pooled (mean over real positions,
 * or the first position) and projected to class logits. Input: {@code tokens [batch, length]}.
 * Output: {@code [batch, classes]}.
 */
public final class ClassifierModel extends TransformerModel {

    final TokenEmbedding embedding;
    final LayerStack encoder;
    final Linear head;

    ClassifierModel(ModelConfig config, TaskShape task, TokenEmbedding embedding, LayerStack encoder, Linear head) {
        super(config, task, 1);
        this.embedding = addChildBlock("embedding", embedding);
        this.encoder = addChildBlock("encoder", encoder);
        this.head = addChildBlock("head", head);
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray tokens = inputs.head();
        NDArray mask = tokens.neq(task().padIndex());
        NDArray embedded = embedding.forward(ps, new NDList(tokens), training).head();
        NDArray hidden = encoder.forward(ps, new NDList(embedded, mask), training).head();
        return head.forward(ps, new NDList(pool(hidden, mask)), training);
    }

    /** {@code [batch, length, dModel]} to {@code [batch, dModel]}. */
    private NDArray pool(NDArray hidden, NDArray mask) {
        if (config().pooling() == Pooling.FIRST) {
            return hidden.get(":, 0, :");
        }
        NDArray weight = mask.toType(DataType.FLOAT32, false).expandDims(-1);   // [batch, length, 1]
        return hidden.mul(weight).sum(new int[] {1}).div(weight.sum(new int[] {1}).maximum(1f));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {new Shape(inputShapes[0].get(0), task().classes())};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape tokens = new Shape(1, 1);
        embedding.initialize(manager, dataType, tokens);
        encoder.initialize(manager, dataType, new Shape(1, 1, config().dModel()), tokens);
        head.initialize(manager, dataType, new Shape(1, config().dModel()));
    }
}
