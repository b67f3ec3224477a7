package dev.ablate.models.positional.sinusoidal;

import dev.ablate.core.spi.PositionalConfig;

/** Config of {@code sinusoidal} positions: the paper's encoding has no parameters. */
public record SinusoidalConfig() implements PositionalConfig {}
