package dev.ablate.models.positional.alibi;

import dev.ablate.core.spi.PositionalConfig;

/**
 * Config of {@code alibi}: Attention with Linear Biases (Press et al. 2022). No embeddings; each
 * head's scores get -m_h·|i - j|, with the paper's fixed slopes m_h. Nothing to set.
 */
public record AlibiConfig() implements PositionalConfig {}
