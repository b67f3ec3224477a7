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
 * The encoder or the decoder: positions and dropout on the scaled token embeddings, then N layers,
 * then (with pre-norm placement) a final norm.
 *
 * <p>Inputs: {@code embedded [batch, length, dModel]}, {@code mask [batch, length]}, then whatever
 * context every layer also needs (the decoder's: the encoder output and its mask). Each layer gets
 * {@code [x, mask, context...]}. Output: the last layer's states, normalized when pre-norm.
 */
public final class LayerStack extends AbstractBlock {

    private static final byte VERSION = 1;

    private final int dModel;
    private final float dropout;
    final Block positions;
    final List<Block> layers;
    final Block finalNorm;

    /** @param finalNorm the norm after the last layer (pre-norm placement), or {@code null} */
    LayerStack(int dModel, float dropout, Block positions, List<? extends Block> layers, Block finalNorm) {
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
        NDList context = inputs.subNDList(2);
        NDArray x = positions.forward(ps, new NDList(inputs.get(0)), training).head();
        x = Residual.dropout(x, dropout, training);
        for (Block layer : layers) {
            NDList layerInputs = new NDList(x, mask);
            layerInputs.addAll(context);
            x = layer.forward(ps, layerInputs, training).head();
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

    /** Each layer is initialized with this block's own input shapes: {@code [x, mask, context...]}. */
    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape activations = new Shape(1, 1, dModel);
        positions.initialize(manager, dataType, activations);
        for (Block layer : layers) {
            layer.initialize(manager, dataType, inputShapes);
        }
        if (finalNorm != null) {
            finalNorm.initialize(manager, dataType, activations);
        }
    }
}
