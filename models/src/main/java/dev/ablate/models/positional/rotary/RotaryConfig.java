package dev.ablate.models.positional.rotary;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.ablate.core.spi.ConfigCheck;
import dev.ablate.core.spi.InvalidConfigException;
import dev.ablate.core.spi.PositionalConfig;
import java.util.Objects;

/**
 * Config of {@code rotary}: rotary position embedding, RoPE (Su et al. 2021). Queries and keys of
 * every self-attention are rotated by angles proportional to their positions, so their dot product
 * depends on the distance between them only.
 */
public record RotaryConfig(
        @JsonPropertyDescription("fraction of each head's dimensions that is rotated (GPT-NeoX uses 0.25), in (0, 1]; the rest pass through")
        Double fraction,
        @JsonPropertyDescription("the base of the angles, θ_i = base^(-2i/r) for r rotated dimensions; > 0")
        Double base)
        implements PositionalConfig {

    public RotaryConfig {
        fraction = Objects.requireNonNullElse(fraction, 1.0);
        if (!(fraction > 0 && fraction <= 1)) {
            throw new InvalidConfigException("fraction", "must be in (0, 1]", fraction);
        }
        base = ConfigCheck.positive("base", Objects.requireNonNullElse(base, 10000.0));
    }

    public RotaryConfig() {
        this(null, null);
    }
}
