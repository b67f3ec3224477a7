package dev.ablate.models.transformer;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import dev.ablate.core.spi.AttentionInputs;

/**
 * One encoder layer (§3.1): multi-head self-attention, then the position-wise feed-forward network,
 * each inside a residual connection with a norm. Built with causal self-attention it is also the
 * layer of a decoder-only language model.
 *
 * <p>Inputs: {@code x [batch, length, dModel]}, {@code mask [batch, length]} (true for real
 * tokens). Output: {@code x} of the same shape.
 */
public final class EncoderLayer extends AbstractBlock {

    private static final byte VERSION = 1;

    private final int dModel;
    private final Residual residual;
    final Block selfAttention;
    final Block attentionNorm;
    final Block feedForward;
    final Block feedForwardNorm;

    EncoderLayer(int dModel, Residual residual, Block selfAttention, Block attentionNorm, Block feedForward,
            Block feedForwardNorm) {
        super(VERSION);
        this.dModel = dModel;
        this.residual = residual;
        this.selfAttention = addChildBlock("selfAttention", selfAttention);
        this.attentionNorm = addChildBlock("attentionNorm", attentionNorm);
        this.feedForward = addChildBlock("feedForward", feedForward);
        this.feedForwardNorm = addChildBlock("feedForwardNorm", feedForwardNorm);
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = inputs.get(0);
        NDArray mask = inputs.get(1);

        // Sub-layer 1: every position attends to the (real, and if causal earlier) positions.
        x = residual.apply(ps, attentionNorm, x, mask, training,
                h -> selfAttention.forward(ps, AttentionInputs.of(h, h, mask), training).head());

        // Sub-layer 2: the same two-layer network at every position.
        x = residual.apply(ps, feedForwardNorm, x, mask, training,
                h -> feedForward.forward(ps, new NDList(h), training).head());

        return new NDList(x);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {inputShapes[0]};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape activations = new Shape(1, 1, dModel);
        selfAttention.initialize(manager, dataType, activations, activations);
        attentionNorm.initialize(manager, dataType, activations);
        feedForward.initialize(manager, dataType, activations);
        feedForwardNorm.initialize(manager, dataType, activations);
    }
}
