package dev.ablate.models.norm.rms;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/** RMSNorm over the last axis (DJL has no fused kernel for it). */
public final class RmsNormBlock extends AbstractBlock {

    private static final byte VERSION = 1;

    private final float eps;
    final Parameter gain;

    public RmsNormBlock(int dModel, float eps) {
        super(VERSION);
        this.eps = eps;
        this.gain = addParameter(Parameter.builder().setName("gain").setType(Parameter.Type.GAMMA)
                .optShape(new Shape(dModel)).build());
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = inputs.head();
        NDArray rms = x.square().mean(new int[] {-1}, true).add(eps).sqrt();
        return new NDList(x.div(rms).mul(ps.getValue(gain, x.getDevice(), training)));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {inputShapes[0]};
    }
}
