package dev.ablate.core.spi;

/**
 * What an attention can do. A model that needs a capability the plugin lacks is refused when it is
 * built (and, in a spec, before any training), never discovered mid-run.
 *
 * @param causalMask can run as a decoder's masked self-attention
 * @param paddingMask honours a key padding mask
 * @param crossAttention can attend from one sequence to another of a different length
 * @param rotatedQueryKey its scores stay meaningful when queries and keys are rotated by their
 *     positions before it sees them (rotary positions need a dot product of q and k)
 * @param scoreBias adds a positional bias to its scores ({@link KernelInputs#positionBias}); a
 *     kernel without an explicit score matrix (linear attention) cannot
 */
public record AttentionCapabilities(boolean causalMask, boolean paddingMask, boolean crossAttention,
        boolean rotatedQueryKey, boolean scoreBias) {

    /** A plugin that takes no positions inside attention (today's whole-block plugins). */
    public AttentionCapabilities(boolean causalMask, boolean paddingMask, boolean crossAttention) {
        this(causalMask, paddingMask, crossAttention, false, false);
    }

    /** Whether positions acting inside attention the way {@code positions} says can be applied here. */
    public boolean accepts(PositionalCapabilities positions) {
        return (!positions.rotatesQueryKey() || rotatedQueryKey) && (!positions.biasesScores() || scoreBias);
    }
}
