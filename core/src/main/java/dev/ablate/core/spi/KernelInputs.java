package dev.ablate.core.spi;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.nn.norm.Dropout;
import dev.ablate.core.spi.tensor.Masks;

/**
 * What an {@link AttentionKernel} receives: queries, keys and values already projected and split
 * into heads (keys and values repeated for grouped-query attention, queries and keys already rotated
 * by rotary positions), the key padding mask, and the means to reach its parameters and the
 * positional score bias.
 *
 * @param query {@code [batch, heads, queryLength, headDim]}
 * @param key {@code [batch, heads, keyLength, headDim]}
 * @param value {@code [batch, heads, keyLength, headDim]}
 * @param keyMask {@code [batch, keyLength]} boolean, {@code true} for real tokens; {@code null} for none
 * @param causal whether query {@code i} may see keys {@code j <= i} only
 * @param positions the positional plugin acting inside this attention, or {@code null}
 * @param parameters the values of the kernel's (and the positions') parameters in this pass
 * @param training whether this is a training pass (dropout on)
 */
public record KernelInputs(NDArray query, NDArray key, NDArray value, NDArray keyMask, boolean causal,
        AttentionPositions positions, ParameterValues parameters, boolean training) {

    public long queryLength() {
        return query.getShape().get(2);
    }

    public long keyLength() {
        return key.getShape().get(2);
    }

    public long headDim() {
        return query.getShape().get(3);
    }

    /** The forward pass's manager: arrays made here are freed with the pass. */
    public NDManager manager() {
        return query.getManager();
    }

    /** A parameter of the kernel's own, as this pass sees it. */
    public NDArray parameter(Parameter parameter) {
        return parameters.of(parameter);
    }

    /**
     * The positional bias at the given query and key positions, {@code [heads, ...broadcast shape]};
     * {@code null} when no positional plugin biases the scores.
     */
    public NDArray positionBias(NDArray queryPositions, NDArray keyPositions) {
        return positions == null ? null : positions.scoreBias(parameters, queryPositions, keyPositions);
    }

    /**
     * Everything added to rows {@code [rowStart, rowStart + rows)} of the {@code [queryLength,
     * keyLength]} score matrix: the padding and causal masks ({@link Masks#scoreBias}) plus the
     * positional bias. {@code [batch or 1, heads or 1, rows, keyLength]}, or {@code null} for none.
     */
    public NDArray scoreBias(long rowStart, long rows) {
        NDArray bias = Masks.scoreBias(manager(), keyMask, causal, rowStart, rows, keyLength());
        if (positions == null) {
            return bias;
        }
        NDArray queryPositions = manager().arange((float) rowStart, (float) (rowStart + rows)).reshape(rows, 1);
        NDArray keyPositions = manager().arange((float) keyLength()).reshape(1, keyLength());
        NDArray positional = positionBias(queryPositions, keyPositions);
        if (positional == null) {
            return bias;
        }
        positional = positional.expandDims(0);                                  // [1, heads, rows, keyLength]
        return bias == null ? positional : positional.add(bias);
    }

    /** Dropout on attention weights, in training passes only. */
    public NDArray dropout(NDArray weights, float rate) {
        return training && rate > 0 ? Dropout.dropout(weights, rate, true).singletonOrThrow() : weights;
    }
}
