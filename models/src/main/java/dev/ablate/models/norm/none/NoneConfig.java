package dev.ablate.models.norm.none;

import dev.ablate.core.spi.NormConfig;

/** Config of {@code none}: the identity, for the "no normalization" ablation (residual connections alone); nothing to set. */
public record NoneConfig() implements NormConfig {}
