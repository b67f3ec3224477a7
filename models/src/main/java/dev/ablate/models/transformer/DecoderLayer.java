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
 * One decoder layer (§3.1): masked (causal) self-attention, attention over the encoder's output,
 * then the position-wise feed-forward network, each inside a residual connection with a norm.
 *
 * <p>Inputs: {@code y [batch, targetLength, dModel]}, {@code targetMask [batch, targetLength]},
 * {@code memory [batch, sourceLength, dModel]} (the encoder output), {@code sourceMask [batch,
 * sourceLength]}. Output: {@code y} of the same shape.
 */
public final class DecoderLayer extends AbstractBlock {

    private static final byte VERSION = 1;

    private final int dModel;
    private final Residual residual;
    final Block selfAttention;
    final Block selfAttentionNorm;
    final Block crossAttention;
    final Block crossAttentionNorm;
    final Block feedForward;
    final Block feedForwardNorm;

    DecoderLayer(int dModel, Residual residual, Block selfAttention, Block selfAttentionNorm, Block crossAttention,
            Block crossAttentionNorm, Block feedForward, Block feedForwardNorm) {
        super(VERSION);
        this.dModel = dModel;
        this.residual = residual;
        this.selfAttention = addChildBlock("selfAttention", selfAttention);
        this.selfAttentionNorm = addChildBlock("selfAttentionNorm", selfAttentionNorm);
        this.crossAttention = addChildBlock("crossAttention", crossAttention);
        this.crossAttentionNorm = addChildBlock("crossAttentionNorm", crossAttentionNorm);
        this.feedForward = addChildBlock("feedForward", feedForward);
        this.feedForwardNorm = addChildBlock("feedForwardNorm", feedForwardNorm);
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray y = inputs.get(0);
        NDArray targetMask = inputs.get(1);
        NDArray memory = inputs.get(2);
        NDArray sourceMask = inputs.get(3);

        // Sub-layer 1: masked self-attention; position i sees target positions <= i only.
        y = residual.apply(ps, selfAttentionNorm, y, targetMask, training,
                h -> selfAttention.forward(ps, AttentionInputs.of(h, h, targetMask), training).head());

        // Sub-layer 2: queries from the decoder, keys and values from the encoder output.
        y = residual.apply(ps, crossAttentionNorm, y, targetMask, training,
                h -> crossAttention.forward(ps, AttentionInputs.of(h, memory, sourceMask), training).head());

        // Sub-layer 3: the position-wise feed-forward network.
        y = residual.apply(ps, feedForwardNorm, y, targetMask, training,
                h -> feedForward.forward(ps, new NDList(h), training).head());

        return new NDList(y);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {inputShapes[0]};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape activations = new Shape(1, 1, dModel);
        selfAttention.initialize(manager, dataType, activations, activations);
        selfAttentionNorm.initialize(manager, dataType, activations);
        crossAttention.initialize(manager, dataType, activations, activations);
        crossAttentionNorm.initialize(manager, dataType, activations);
        feedForward.initialize(manager, dataType, activations);
        feedForwardNorm.initialize(manager, dataType, activations);
    }
}
