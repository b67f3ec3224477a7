package dev.ablate.attention.restricted;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.ablate.core.spi.AttentionConfig;
import dev.ablate.core.spi.ConfigCheck;
import java.util.Objects;

/** Config of {@code restricted} attention. */
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
