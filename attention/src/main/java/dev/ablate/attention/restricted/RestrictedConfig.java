package dev.ablate.attention.restricted;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.ablate.core.spi.AttentionConfig;
import dev.ablate.core.spi.ConfigCheck;
import java.util.Objects;

/**
 * Config of {@code restricted}: self-attention restricted to a neighbourhood of size r around each
 * position (Vaswani et al. 2017, §4 and Table 1), computed in chunks so that no n×n matrix is ever
 * built. Self-attention only: a window over positions has no meaning between two different sequences.
 */
public record RestrictedConfig(
        @JsonPropertyDescription("r: a query at position i sees only keys j with |i - j| <= r (j <= i as well in a decoder); >= 1")
        Integer window,
        @JsonPropertyDescription("dropout on the attention weights, in [0, 1)")
        Double dropout)
        implements AttentionConfig {

    public static final int DEFAULT_WINDOW = 16;

    public RestrictedConfig {
        window = ConfigCheck.atLeast("window", Objects.requireNonNullElse(window, DEFAULT_WINDOW), 1);
        dropout = ConfigCheck.fraction("dropout", Objects.requireNonNullElse(dropout, 0.0));
    }

    public RestrictedConfig(int window) {
        this(window, null);
    }
}
