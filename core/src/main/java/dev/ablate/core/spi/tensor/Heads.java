package dev.ablate.core.spi.tensor;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;

/**
 * Splits a projection into heads and merges them back, so that all heads of an attention run as one
 * batched matrix product.
 */
public final class Heads {

    private Heads() {}

    /** {@code [batch, length, heads·dHead]} to {@code [batch, heads, length, dHead]}. */
    public static NDArray split(NDArray x, int heads) {
        Shape s = x.getShape();
        return x.reshape(s.get(0), s.get(1), heads, s.get(2) / heads).transpose(0, 2, 1, 3);
    }

    /** {@code [batch, heads, length, dHead]} to {@code [batch, length, heads·dHead]}. */
    public static NDArray merge(NDArray x) {
        Shape s = x.getShape();
        return x.transpose(0, 2, 1, 3).reshape(s.get(0), s.get(2), s.get(1) * s.get(3));
    }
}
