package dev.ablate.core.spi;

/**
 * What an attention can do. A model that needs a capability the plugin lacks is refused when it is
 * built (and, in a spec, before any training), never discovered mid-run.
 *
 * @param causalMask can run as a decoder's masked self-attention
 * @param paddingMask honours a key padding mask
 * @param crossAttention can attend from one sequence to another of a different length
 */
public record AttentionCapabilities(boolean causalMask, boolean paddingMask, boolean crossAttention) {}
