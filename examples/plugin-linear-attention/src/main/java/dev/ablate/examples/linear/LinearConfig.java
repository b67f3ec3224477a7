package dev.ablate.examples.linear;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.ablate.core.spi.AttentionConfig;
import dev.ablate.core.spi.ConfigCheck;
import java.util.Objects;

/** Config of {@code linear} attention. */
public record LinearConfig(
        @JsonPropertyDescription("added to the normalizer φ(q)·Σφ(k) before dividing, so a query that matches no key stays finite; > 0")
        Double eps)
        implements AttentionConfig {

    public static final double DEFAULT_EPS = 1e-6;

    public LinearConfig {
        eps = ConfigCheck.positive("eps", Objects.requireNonNullElse(eps, DEFAULT_EPS));
    }

    /** The paper's attention, with eps = {@value #DEFAULT_EPS}. */
    public LinearConfig() {
        this(null);
    }
}
