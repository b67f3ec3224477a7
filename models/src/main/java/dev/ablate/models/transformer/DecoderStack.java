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
import java.util.List;

/**
 * Positions and dropout on the scaled target embeddings, then N {@link DecoderLayer}s, then (with
 * pre-norm placement) a final norm. Inputs: {@code embedded [batch, targetLength, dModel]}, {@code
 * targetMask}, {@code memory} (the encoder output), {@code sourceMask}. Output: the decoder states.
 */
public final class DecoderStack extends AbstractBlock {

    private static final byte VERSION = 1;

    private final int dModel;
    private final float dropout;
    final Block positions;
    final List<DecoderLayer> layers;
    final Block finalNorm;

    /** @param finalNorm the norm after the last layer (pre-norm placement), or {@code null} */
    DecoderStack(int dModel, float dropout, Block positions, List<DecoderLayer> layers, Block finalNorm) {
        super(VERSION);
        this.dModel = dModel;
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
        NDArray targetMask = inputs.get(1);
        NDArray memory = inputs.get(2);
        NDArray sourceMask = inputs.get(3);
        NDArray y = positions.forward(ps, new NDList(inputs.get(0)), training).head();
        y = Residual.dropout(y, dropout, training);
        for (DecoderLayer layer : layers) {
            y = layer.forward(ps, new NDList(y, targetMask, memory, sourceMask), training).head();
        }
        if (finalNorm != null) {
            y = Residual.normalize(ps, finalNorm, y, targetMask, training);
        }
        return new NDList(y);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {inputShapes[0]};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape activations = new Shape(1, 1, dModel);
        Shape mask = new Shape(1, 1);
        positions.initialize(manager, dataType, activations);
        for (DecoderLayer layer : layers) {
            layer.initialize(manager, dataType, activations, mask, activations, mask);
        }
        if (finalNorm != null) {
            finalNorm.initialize(manager, dataType, activations);
        }
    }
}
