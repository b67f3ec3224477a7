package dev.ablate.store;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * A claim a spec makes about two of its variants on one metric (its {@code expect} list), judged by
 * the report from the paired per-seed differences {@code variant − vs}.
 *
 * @param margin for {@link Direction#SAME}: the two are equivalent when the difference stays within
 *     ±margin, in the metric's own units
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Expectation(
        @JsonPropertyDescription("the variant the claim is about (a variant id)")
        String variant,
        @JsonPropertyDescription("the variant it is compared with (a variant id)")
        String vs,
        @JsonPropertyDescription("the metric compared, one of the task's (e.g. accuracy, bleu, perplexity)")
        String metric,
        @JsonPropertyDescription("higher or lower: variant's metric is higher or lower than vs's; same: within ±margin")
        Direction direction,
        @JsonPropertyDescription("for direction same: the largest difference still called the same, in the metric's units")
        Double margin) {

    /** Which way the claim says {@code variant − vs} goes. */
    public enum Direction {
        HIGHER,
        LOWER,
        SAME;

        @JsonValue
        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** "A-h1 lower than base on accuracy", "learned same as sinusoidal on bleu (±0.5)". */
    public String sentence() {
        String relation = switch (direction) {
            case HIGHER -> "higher than";
            case LOWER -> "lower than";
            case SAME -> "same as";
        };
        return variant + " " + relation + " " + vs + " on " + metric
                + (direction == Direction.SAME && margin != null ? " (±" + margin + ")" : "");
    }
}
