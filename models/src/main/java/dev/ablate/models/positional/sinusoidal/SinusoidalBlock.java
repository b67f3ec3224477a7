package dev.ablate.models.positional.sinusoidal;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * Adds the sinusoidal encoding to {@code [batch, length, dModel]} embeddings. The table is computed
 * on the input's device for the input's length, so any length works and nothing crosses from host
 * to device.
 */
public final class SinusoidalBlock extends AbstractBlock {

    private static final byte VERSION = 1;

    private final int dModel;

    public SinusoidalBlock(int dModel) {
        super(VERSION);
        this.dModel = dModel;
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = inputs.head();
        return new NDList(x.add(table(x.getManager(), x.getShape().get(1), dModel)));
    }

    /** PE as a {@code [length, dModel]} array: columns 2i hold sin(pos·ω_i), 2i+1 hold cos(pos·ω_i). */
    static NDArray table(NDManager manager, long length, int dModel) {
        NDArray position = manager.arange(0f, (float) length).reshape(length, 1);
        // ω_i = 10000^(-2i/d), for 2i = 0, 2, 4, ...
        NDArray frequency = manager.arange(0f, (float) dModel, 2f).mul(-Math.log(10000.0) / dModel).exp();
        NDArray angle = position.mul(frequency.reshape(1, -1));                        // [length, ceil(d/2)]
        NDArray interleaved = NDArrays.stack(new NDList(angle.sin(), angle.cos()), 2)   // [length, ceil(d/2), 2]
                .reshape(length, -1);
        return dModel % 2 == 0 ? interleaved : interleaved.get(":, :{}", dModel);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {inputShapes[0]};
    }
}
