package dev.ablate.models.norm.layer;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.ablate.core.spi.ConfigCheck;
import dev.ablate.core.spi.NormConfig;
import java.util.Objects;

/**
 * Config of {@code layer}: y = (x - mean) / √(var + eps)·γ + β over each position's features (Ba et
 * al. 2016), the paper's choice.
 */
public record LayerConfig(
        @JsonPropertyDescription("added to the variance before the square root; > 0")
        Double eps)
        implements NormConfig {

    public LayerConfig {
        eps = ConfigCheck.positive("eps", Objects.requireNonNullElse(eps, 1e-5));
    }
}
