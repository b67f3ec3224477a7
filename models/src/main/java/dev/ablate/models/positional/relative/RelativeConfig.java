package dev.ablate.models.positional.relative;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.ablate.core.spi.ConfigCheck;
import dev.ablate.core.spi.InvalidConfigException;
import dev.ablate.core.spi.PositionalConfig;
import java.util.Objects;

/**
 * Config of {@code relative}: a learned bias per head and relative-distance bucket, T5's scheme
 * (Raffel et al. 2020, §2.1): exact buckets for short distances, logarithmically wider ones up to
 * {@code maxDistance}, one bucket for everything beyond.
 */
public record RelativeConfig(
        @JsonPropertyDescription("distance buckets; half for each direction when attention is bidirectional; >= 4 (T5: 32)")
        Integer buckets,
        @JsonPropertyDescription("distances from here on share the last bucket; >= buckets (T5: 128)")
        Integer maxDistance)
        implements PositionalConfig {

    public RelativeConfig {
        buckets = ConfigCheck.atLeast("buckets", Objects.requireNonNullElse(buckets, 32), 4);
        maxDistance = Objects.requireNonNullElse(maxDistance, 128);
        if (maxDistance < buckets) {
            throw new InvalidConfigException("maxDistance", "must be >= buckets (" + buckets + ")", maxDistance);
        }
    }

    public RelativeConfig() {
        this(null, null);
    }
}
