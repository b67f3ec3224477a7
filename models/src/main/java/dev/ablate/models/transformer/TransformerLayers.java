package dev.ablate.models.transformer;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.Dropout;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import dev.ablate.core.model.NormPlacement;
import dev.ablate.core.spi.AttentionInputs;
import dev.ablate.core.spi.tensor.Projections;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * The Transformer's layers (§3.1–3.3), top to bottom: the residual connection with its norm, the
 * position-wise feed-forward network, the encoder layer, the decoder layer, and the stack of N layers.
 * The attention and norm blocks come from plugins (see {@link TransformerFactory}); a mask is
 * {@code [batch, length]}, true for real tokens.
 */
public final class TransformerLayers {

    private static final byte VERSION = 1;

    private TransformerLayers() {}

    /**
     * The residual connection around a sub-layer, with the norm where the model puts it:
     * post (the paper): {@code x = Norm(x + Dropout(Sublayer(x)))};
     * pre: {@code x = x + Dropout(Sublayer(Norm(x)))}.
     */
    record Residual(NormPlacement placement, float dropoutRate) {

        NDArray apply(ParameterStore ps, Block norm, NDArray x, NDArray mask, boolean training,
                UnaryOperator<NDArray> sublayer) {
            if (placement == NormPlacement.POST) {
                return normalize(ps, norm, x.add(dropout(sublayer.apply(x), dropoutRate, training)), mask, training);
            }
            return x.add(dropout(sublayer.apply(normalize(ps, norm, x, mask, training)), dropoutRate, training));
        }
    }

    /** Runs a norm block; the mask lets norms with batch statistics leave padding out. */
    static NDArray normalize(ParameterStore ps, Block norm, NDArray x, NDArray mask, boolean training) {
        return norm.forward(ps, mask == null ? new NDList(x) : new NDList(x, mask), training).head();
    }

    static NDArray dropout(NDArray x, float rate, boolean training) {
        return training && rate > 0 ? Dropout.dropout(x, rate, true).head() : x;
    }

    /** The position-wise feed-forward network, FFN(x) = max(0, x·W1 + b1)·W2 + b2 (§3.3). */
    static final class FeedForward extends SameShape {

        final Linear inner;
        final Linear outer;

        FeedForward(int dModel, int dFF) {
            super(dModel);
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
        protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
            inner.initialize(manager, dataType, activations());
            outer.initialize(manager, dataType, inner.getOutputShapes(new Shape[] {activations()}));
        }
    }

    /**
     * One encoder layer (§3.1): multi-head self-attention, then the feed-forward network, each inside
     * a residual connection with a norm. Built with causal self-attention it is also the layer of a
     * decoder-only language model. Inputs: {@code x [batch, length, dModel]}, {@code mask}.
     */
    public static final class EncoderLayer extends SameShape {

        private final Residual residual;
        final Block selfAttention;
        final Block attentionNorm;
        final Block feedForward;
        final Block feedForwardNorm;

        EncoderLayer(int dModel, Residual residual, Block selfAttention, Block attentionNorm, Block feedForward,
                Block feedForwardNorm) {
            super(dModel);
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
        protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
            selfAttention.initialize(manager, dataType, activations(), activations());
            attentionNorm.initialize(manager, dataType, activations());
            feedForward.initialize(manager, dataType, activations());
            feedForwardNorm.initialize(manager, dataType, activations());
        }
    }

    /**
     * One decoder layer (§3.1): masked (causal) self-attention, attention over the encoder's output,
     * then the feed-forward network, each inside a residual connection with a norm. Inputs:
     * {@code y [batch, targetLength, dModel]}, {@code targetMask}, {@code memory [batch,
     * sourceLength, dModel]} (the encoder output), {@code sourceMask}.
     */
    public static final class DecoderLayer extends SameShape {

        private final Residual residual;
        final Block selfAttention;
        final Block selfAttentionNorm;
        final Block crossAttention;
        final Block crossAttentionNorm;
        final Block feedForward;
        final Block feedForwardNorm;

        DecoderLayer(int dModel, Residual residual, Block selfAttention, Block selfAttentionNorm, Block crossAttention,
                Block crossAttentionNorm, Block feedForward, Block feedForwardNorm) {
            super(dModel);
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
        protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
            selfAttention.initialize(manager, dataType, activations(), activations());
            selfAttentionNorm.initialize(manager, dataType, activations());
            crossAttention.initialize(manager, dataType, activations(), activations());
            crossAttentionNorm.initialize(manager, dataType, activations());
            feedForward.initialize(manager, dataType, activations());
            feedForwardNorm.initialize(manager, dataType, activations());
        }
    }

    /**
     * The encoder or the decoder: positions and dropout on the scaled token embeddings, then N layers,
     * then (with pre-norm placement) a final norm. Inputs: {@code embedded [batch, length, dModel]},
     * {@code mask}, then the context every layer also needs (the decoder's: the encoder output and its
     * mask); each layer gets {@code [x, mask, context...]}.
     */
    public static final class LayerStack extends SameShape {

        private final float dropout;
        final Block positions;
        final List<Block> layers;
        final Block finalNorm;

        /** @param finalNorm the norm after the last layer (pre-norm placement), or {@code null} */
        LayerStack(int dModel, float dropout, Block positions, List<? extends Block> layers, Block finalNorm) {
            super(dModel);
            this.dropout = dropout;
            this.positions = addChildBlock("positions", positions);
            for (int i = 0; i < layers.size(); i++) {
                addChildBlock("layer" + i, layers.get(i));
            }
            this.layers = List.copyOf(layers);
            this.finalNorm = finalNorm == null ? null : addChildBlock("finalNorm", finalNorm);
        }

        @Override
        protected NDList forwardInternal(
                ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
            NDArray mask = inputs.get(1);
            NDList context = inputs.subNDList(2);
            NDArray x = positions.forward(ps, new NDList(inputs.get(0)), training).head();
            x = dropout(x, dropout, training);
            for (Block layer : layers) {
                NDList layerInputs = new NDList(x, mask);
                layerInputs.addAll(context);
                x = layer.forward(ps, layerInputs, training).head();
            }
            if (finalNorm != null) {
                x = normalize(ps, finalNorm, x, mask, training);
            }
            return new NDList(x);
        }

        /** Each layer is initialized with this block's own input shapes: {@code [x, mask, context...]}. */
        @Override
        protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
            positions.initialize(manager, dataType, activations());
            for (Block layer : layers) {
                layer.initialize(manager, dataType, inputShapes);
            }
            if (finalNorm != null) {
                finalNorm.initialize(manager, dataType, activations());
            }
        }
    }

    /** A block whose output has the shape of its first input, {@code [batch, length, dModel]}. */
    abstract static class SameShape extends AbstractBlock {

        private final int dModel;

        SameShape(int dModel) {
            super(VERSION);
            this.dModel = dModel;
        }

        /** The activations shape children are initialized with. */
        Shape activations() {
            return new Shape(1, 1, dModel);
        }

        @Override
        public Shape[] getOutputShapes(Shape[] inputShapes) {
            return new Shape[] {inputShapes[0]};
        }
    }
}
