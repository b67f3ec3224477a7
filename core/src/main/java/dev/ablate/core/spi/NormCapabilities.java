package dev.ablate.core.spi;

/**
 * What a normalization does beyond one position.
 *
 * @param batchStatistics normalizes with statistics taken across the batch and positions while
 *     training (so, in a causal decoder, a position's training output depends on later positions
 *     through the statistics)
 * @param paddingMask leaves padded positions out of its statistics
 */
public record NormCapabilities(boolean batchStatistics, boolean paddingMask) {

    /** A norm that looks at each position alone. */
    public static NormCapabilities perPosition() {
        return new NormCapabilities(false, true);
    }
}
