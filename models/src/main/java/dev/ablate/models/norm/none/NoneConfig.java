package dev.ablate.models.norm.none;

import dev.ablate.core.spi.NormConfig;

/** Config of {@code none}: nothing to set. */
public record NoneConfig() implements NormConfig {}
