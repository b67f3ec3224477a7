package dev.ablate.core.spi.tensor;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;

/** The padding and causal masks of attention as an additive bias on the scores. */
public final class Masks {

    /**
     * The score given to a masked position. Its exponent underflows to exactly 0 in float32, so a
     * masked key has no influence at all, and unlike -inf it keeps a fully masked row (a padded
     * query) finite.
     */
    public static final float MASKED_SCORE = -1e9f;

    private Masks() {}

    /**
     * The additive bias for rows {@code [rowStart, rowStart + rows)} of a {@code [queryLength,
     * keyLength]} score matrix: 0 where the query may see the key, {@link #MASKED_SCORE} where the
     * key is padding or (when {@code causal}) lies after the query.
     *
     * @param keyMask {@code [batch, keyLength]}, true for real tokens; {@code null} for none
     * @return {@code [batch or 1, 1, rows, keyLength]}, or {@code null} when nothing is masked
     */
    public static NDArray scoreBias(
            NDManager manager, NDArray keyMask, boolean causal, long rowStart, long rows, long keyLength) {
        NDArray allowed = null;
        if (causal) {
            NDArray queryPosition = manager.arange((int) rowStart, (int) (rowStart + rows)).reshape(rows, 1);
            NDArray keyPosition = manager.arange((int) keyLength).reshape(1, keyLength);
            allowed = keyPosition.lte(queryPosition).reshape(1, 1, rows, keyLength);
        }
        if (keyMask != null) {
            NDArray keys = keyMask.toType(DataType.BOOLEAN, false).reshape(keyMask.getShape().get(0), 1, 1, keyLength);
            allowed = allowed == null ? keys : allowed.logicalAnd(keys);
        }
        if (allowed == null) {
            return null;
        }
        return allowed.toType(DataType.FLOAT32, false).sub(1f).mul(-MASKED_SCORE);
    }
}
