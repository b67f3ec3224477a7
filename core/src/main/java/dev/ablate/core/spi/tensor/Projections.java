package dev.ablate.core.spi.tensor;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.Initializer;
import ai.djl.training.initializer.XavierInitializer;

/** Linear projections initialized the way Transformer implementations do it. */
public final class Projections {

    private Projections() {}

    /**
     * Glorot (Xavier) uniform, U(±√(6 / (fanIn + fanOut))): what fairseq and tensor2tensor use for
     * Transformer projections. (DJL's default for weights is He-normal, meant for ReLU stacks.)
     */
    public static Initializer glorotUniform() {
        // DJL's AVG factor is (fanIn + fanOut) / 2, so magnitude 3 gives 6 / (fanIn + fanOut).
        return new XavierInitializer(XavierInitializer.RandomType.UNIFORM, XavierInitializer.FactorType.AVG, 3);
    }

    /** A {@code [..., in] -> [..., units]} projection with Glorot-uniform weights and zero bias. */
    public static Linear linear(long units, boolean bias) {
        Linear linear = Linear.builder().setUnits(units).optBias(bias).build();
        linear.setInitializer(glorotUniform(), Parameter.Type.WEIGHT);
        return linear;
    }

    /** Runs {@code projection} on {@code x}. */
    public static NDArray apply(Linear projection, ParameterStore ps, NDArray x, boolean training) {
        return projection.forward(ps, new NDList(x), training).singletonOrThrow();
    }

    /** Creates the parameters of projections that read {@code dModel}-wide vectors. */
    public static void initialize(NDManager manager, DataType dataType, int dModel, Linear... projections) {
        Shape features = new Shape(1, dModel);
        for (Linear projection : projections) {
            projection.initialize(manager, dataType, features);
        }
    }
}
