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
 * Positions and dropout on the scaled token embeddings, then N {@link EncoderLayer}s, then (with
 * pre-norm placement) a final norm. Inputs: {@code embedded [batch, length, dModel]}, {@code mask
 * [batch, length]}. Output: the encoded sequence.
 */
public final class EncoderStack extends AbstractBlock {

    private static final byte VERSION = 1;

    private final int dModel;
    private final float dropout;
    final Block positions;
    final List<EncoderLayer> layers;
    final Block finalNorm;

    /** @param finalNorm the norm after the last layer (pre-norm placement), or {@code null} */
    EncoderStack(int dModel, float dropout, Block positions, List<EncoderLayer> layers, Block finalNorm) {
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
        NDArray mask = inputs.get(1);
        NDArray x = positions.forward(ps, new NDList(inputs.get(0)), training).head();
        x = Residual.dropout(x, dropout, training);
        for (EncoderLayer layer : layers) {
            x = layer.forward(ps, new NDList(x, mask), training).head();
        }
        if (finalNorm != null) {
            x = Residual.normalize(ps, finalNorm, x, mask, training);
        }
        return new NDList(x);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {inputShapes[0]};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape activations = new Shape(1, 1, dModel);
        positions.initialize(manager, dataType, activations);
        for (EncoderLayer layer : layers) {
            layer.initialize(manager, dataType, activations, new Shape(1, 1));
        }
        if (finalNorm != null) {
            finalNorm.initialize(manager, dataType, activations);
        }
    }
}
