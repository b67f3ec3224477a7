package dev.ablate.models.norm.rms;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.ablate.core.spi.ConfigCheck;
import dev.ablate.core.spi.NormConfig;
import java.util.Objects;

/** Config of {@code rms}: y = x / √(mean(x²) + eps)·g, no centring and no bias (Zhang and Sennrich 2019). */
public record RmsConfig(
        @JsonPropertyDescription("added to the mean square before the square root; > 0")
        Double eps)
        implements NormConfig {

    public RmsConfig {
        eps = ConfigCheck.positive("eps", Objects.requireNonNullElse(eps, 1e-6));
    }
}
