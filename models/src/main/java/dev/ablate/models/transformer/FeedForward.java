package dev.ablate.models.transformer;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import dev.ablate.core.spi.Projections;

/** The position-wise feed-forward network, FFN(x) = max(0, x·W1 + b1)·W2 + b2 (§3.3). */
final class FeedForward extends AbstractBlock {

    private static final byte VERSION = 1;

    private final int dModel;
    final Linear inner;
    final Linear outer;

    FeedForward(int dModel, int dFF) {
        super(VERSION);
        this.dModel = dModel;
        this.inner = addChildBlock("inner", Projections.linear(dFF, true));
        this.outer = addChildBlock("outer", Projections.linear(dModel, true));
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray hidden = Activation.relu(inner.forward(ps, inputs, training).head());
        return outer.forward(ps, new NDList(hidden), training);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {inputShapes[0]};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        inner.initialize(manager, dataType, new Shape(1, 1, dModel));
        outer.initialize(manager, dataType, inner.getOutputShapes(new Shape[] {new Shape(1, 1, dModel)}));
    }
}
