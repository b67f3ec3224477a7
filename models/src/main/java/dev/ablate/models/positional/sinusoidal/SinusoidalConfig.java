package dev.ablate.models.positional.sinusoidal;

import dev.ablate.core.spi.PositionalConfig;

/**
 * Config of {@code sinusoidal}: PE(pos, 2i) = sin(pos / 10000^(2i/d)), PE(pos, 2i+1) = cos(pos /
 * 10000^(2i/d)) (§3.5); the paper's encoding has no parameters.
 */
public record SinusoidalConfig() implements PositionalConfig {}
