package dev.ablate.core.spi;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Parameter;
import java.util.List;

/**
 * What a positional plugin does inside every self-attention (see {@link
 * PositionalDescriptor#insideAttention}): rotate the queries and keys by their positions, add a bias
 * to the scores, or both. Positions are numbers, not indices, so a relative scheme can be checked
 * for shift invariance: adding a constant to every position must change nothing.
 *
 * <p>The bias is a function of head and positions, as FlexAttention's {@code score_mod} is: a kernel
 * asks for it at whatever pairs it scores ({@code full}: every pair; {@code restricted}: its band
 * only), so no kernel ever needs an n×n matrix it would not build anyway.
 */
public interface AttentionPositions {

    /**
     * Queries or keys rotated by their positions; unchanged by default.
     *
     * @param x {@code [batch, heads, length, headDim]}
     * @param positions {@code [length]} float32
     */
    default NDArray rotate(NDArray x, NDArray positions) {
        return x;
    }

    /**
     * The bias on the score of each query at {@code queryPositions} against each key at {@code
     * keyPositions}; {@code null} by default (no bias).
     *
     * @param parameters the values of {@link #parameters()} in this pass
     * @param queryPositions float32, any shape that broadcasts against {@code keyPositions}, e.g.
     *     {@code [n, 1]} and {@code [1, n]}
     * @return {@code [heads, ...]}: the heads, then the broadcast shape of the two position arrays
     */
    default NDArray scoreBias(ParameterValues parameters, NDArray queryPositions, NDArray keyPositions) {
        return null;
    }

    /** Parameters of its own (a learned bias table), created and trained with the attention that uses it. */
    default List<Parameter> parameters() {
        return List.of();
    }
}
