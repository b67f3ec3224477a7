package dev.ablate.experiments.decoding;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.ablate.core.spi.ConfigCheck;
import dev.ablate.core.spi.InvalidConfigException;
import java.util.Objects;

/** {@code {"type": "beam"}}: beam search with the GNMT length penalty (see {@link BeamSearch}). */
public record BeamConfig(
        @JsonPropertyDescription("beam size k, >= 1 (the paper: 4; 1 is greedy decoding)")
        Integer size,
        @JsonPropertyDescription("length penalty α, >= 0: hypotheses are ranked by log P / ((5 + |Y|) / 6)^α,"
                + " |Y| counting the EOS (the paper: 0.6; 0 ranks by log P alone)")
        Double alpha)
        implements DecodingConfig {

    public static final String TYPE = "beam";

    public BeamConfig {
        size = ConfigCheck.atLeast("size", Objects.requireNonNullElse(size, BeamSearch.PAPER_SIZE), 1);
        alpha = Objects.requireNonNullElse(alpha, BeamSearch.PAPER_ALPHA);
        if (!(alpha >= 0) || Double.isInfinite(alpha)) {
            throw new InvalidConfigException("alpha", "must be a finite number >= 0", alpha);
        }
    }

    /** The paper's beam search: size 4, α = 0.6. */
    public BeamConfig() {
        this(null, null);
    }

    @Override
    public Decoding decoding() {
        return new BeamSearch(size, alpha);
    }
}
