package dev.ablate.models.positional.learned;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.ablate.core.spi.ConfigCheck;
import dev.ablate.core.spi.PositionalConfig;
import java.util.Objects;

/** Config of {@code learned}: one trained vector per position, the alternative the paper tried (Table 3, row E). */
public record LearnedConfig(
        @JsonPropertyDescription("positions with a learned vector; inputs longer than this are refused; >= 1")
        Integer maxLength)
        implements PositionalConfig {

    public LearnedConfig {
        maxLength = ConfigCheck.atLeast("maxLength", Objects.requireNonNullElse(maxLength, 512), 1);
    }
}
