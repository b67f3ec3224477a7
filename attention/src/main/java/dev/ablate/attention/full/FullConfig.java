package dev.ablate.attention.full;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.ablate.core.spi.AttentionConfig;
import dev.ablate.core.spi.ConfigCheck;
import java.util.Objects;

/**
 * Config of {@code full}: multi-head scaled dot-product attention, softmax(QKᵀ/√d_k)V (Vaswani et
 * al. 2017, §3.2).
 */
public record FullConfig(
        @JsonPropertyDescription("divide scores by √d_k as the paper does; false is the unscaled dot-product ablation")
        Boolean scaled,
        @JsonPropertyDescription("dropout on the attention weights, in [0, 1) (fairseq's attention_dropout; the paper uses none)")
        Double dropout)
        implements AttentionConfig {

    public FullConfig {
        scaled = Objects.requireNonNullElse(scaled, Boolean.TRUE);
        dropout = ConfigCheck.fraction("dropout", Objects.requireNonNullElse(dropout, 0.0));
    }

    /** The paper's attention: scaled, no dropout on the weights. */
    public FullConfig() {
        this(null, null);
    }
}
