package dev.ablate.core.spi.tensor;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;

/**
 * Arithmetic with a constant that is safe under autograd.
 *
 * <p>Use it instead of DJL's {@code NDArray.mul(Number)} (and {@code div}, {@code pow},
 * {@code maximum}, {@code minimum} with a {@code Number}) on anything a gradient flows through.
 * Those methods build the constant from a Java buffer and close it at once; on CPU the PyTorch
 * tensor aliases that buffer rather than copying it, so when the garbage collector frees it before
 * {@code backward}, the gradient is computed from freed memory: silently wrong numbers, different
 * from run to run. A constant made here lives in the engine's own memory. ({@code add} and
 * {@code sub} with a {@code Number} are safe: their gradients do not read the constant.)
 */
public final class Scalars {

    private Scalars() {}

    /** {@code x · factor}. */
    public static NDArray multiply(NDArray x, float factor) {
        return x.mul(constant(x, factor));
    }

    /** A 0-dimensional array holding {@code value}, with {@code like}'s type, on {@code like}'s device. */
    public static NDArray constant(NDArray like, float value) {
        return like.getManager().full(new Shape(), value, like.getDataType());
    }
}
