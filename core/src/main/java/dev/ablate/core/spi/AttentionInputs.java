package dev.ablate.core.spi;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;

/**
 * The inputs every attention block receives (see {@link AttentionDescriptor}). The masks become a
 * score bias with {@link dev.ablate.core.spi.tensor.Masks#scoreBias}.
 */
public final class AttentionInputs {

    private AttentionInputs() {}

    /**
     * @param query {@code [batch, queryLength, dModel]}
     * @param keyValue {@code [batch, keyLength, dModel]}; pass {@code query} for self-attention
     * @param keyMask {@code [batch, keyLength]}, {@code true} for real tokens; {@code null} for none
     */
    public static NDList of(NDArray query, NDArray keyValue, NDArray keyMask) {
        return keyMask == null ? new NDList(query, keyValue) : new NDList(query, keyValue, keyMask);
    }

    public static NDArray query(NDList inputs) {
        return inputs.get(0);
    }

    public static NDArray keyValue(NDList inputs) {
        return inputs.get(1);
    }

    /** The key padding mask as a boolean array, or {@code null} when the caller gave none. */
    public static NDArray keyMask(NDList inputs) {
        return inputs.size() > 2 ? inputs.get(2).toType(DataType.BOOLEAN, false) : null;
    }
}
