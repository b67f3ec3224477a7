package dev.ablate.models.positional.none;

import dev.ablate.core.spi.PositionalConfig;

/**
 * Config of {@code none} positions: no positional information, for the ablation that shows why the
 * paper adds it. The encoder's self-attention is then permutation-equivariant; a causal decoder can
 * still infer positions from what it may attend to. Nothing to set.
 */
public record NoPositionsConfig() implements PositionalConfig {}
