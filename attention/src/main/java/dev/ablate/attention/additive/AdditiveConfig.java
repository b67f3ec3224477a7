package dev.ablate.attention.additive;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.ablate.core.spi.AttentionConfig;
import dev.ablate.core.spi.ConfigCheck;
import java.util.Objects;

/**
 * Config of {@code additive}: multi-head additive attention, score(q, k) = vᵀ·tanh(W_q·q + W_k·k)
 * per head (Bahdanau et al. 2015), the alternative the paper compares dot-product attention with (§3.2.1).
 */
public record AdditiveConfig(
        @JsonPropertyDescription("queries scored per step; bounds the [batch, heads, chunk, n, d_k] tanh tensor; >= 1")
        Integer queryChunk,
        @JsonPropertyDescription("dropout on the attention weights, in [0, 1)")
        Double dropout)
        implements AttentionConfig {

    public AdditiveConfig {
        queryChunk = ConfigCheck.atLeast("queryChunk", Objects.requireNonNullElse(queryChunk, 32), 1);
        dropout = ConfigCheck.fraction("dropout", Objects.requireNonNullElse(dropout, 0.0));
    }

    public AdditiveConfig() {
        this(null, null);
    }
}
