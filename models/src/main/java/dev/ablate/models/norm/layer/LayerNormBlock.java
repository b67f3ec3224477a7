package dev.ablate.models.norm.layer;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.norm.LayerNorm;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/** Layer normalization over the last axis, through the engine's fused kernel. */
public final class LayerNormBlock extends AbstractBlock {

    private static final byte VERSION = 1;

    private final Shape features;
    private final float eps;
    final Parameter gain;
    final Parameter shift;

    public LayerNormBlock(int dModel, float eps) {
        super(VERSION);
        this.features = new Shape(dModel);
        this.eps = eps;
        this.gain = addParameter(Parameter.builder().setName("gamma").setType(Parameter.Type.GAMMA).optShape(features).build());
        this.shift = addParameter(Parameter.builder().setName("beta").setType(Parameter.Type.BETA).optShape(features).build());
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = inputs.head();
        return LayerNorm.layerNorm(x, features, ps.getValue(gain, x.getDevice(), training),
                ps.getValue(shift, x.getDevice(), training), eps);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {inputShapes[0]};
    }
}
