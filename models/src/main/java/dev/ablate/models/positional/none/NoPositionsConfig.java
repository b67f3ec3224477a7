package dev.ablate.models.positional.none;

import dev.ablate.core.spi.PositionalConfig;

/** Config of {@code none} positions: nothing to set. */
public record NoPositionsConfig() implements PositionalConfig {}
