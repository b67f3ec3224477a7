package dev.ablate.reports.verdict;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.ablate.reports.stats.Estimate;
import dev.ablate.store.Expectation;
import java.util.List;

/**
 * What the runs say about one claim of the spec.
 *
 * @param claim the claim, as the spec states it
 * @param outcome CONFIRMED, REFUTED or INCONCLUSIVE
 * @param difference the paired differences {@code variant − vs} over {@code seeds}: mean, std and
 *     the 95% interval the outcome is read from; null when no seed has both values
 * @param seeds the seeds whose runs of both variants have a value
 * @param seedsNeeded for an inconclusive claim, about how many seeds would settle it at the observed
 *     mean and spread (the interval's half-width shrinking as t·s/√n); null when it cannot be told
 * @param reason one line: why this outcome
 * @param notes every run that is not a plain completed value: diverged (and how it was counted),
 *     failed, unfinished, not run
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Verdict(@JsonUnwrapped Expectation claim, Outcome outcome, Estimate difference, List<Integer> seeds,
        Integer seedsNeeded, String reason, List<String> notes) {

    /** How a claim fared. */
    public enum Outcome {
        /** The interval lies on the claimed side (for "same": inside ±margin). */
        CONFIRMED,
        /** The interval lies on the other side (for "same": outside ±margin). */
        REFUTED,
        /** Neither, or not every run has a value. */
        INCONCLUSIVE;

        @JsonValue
        public String label() {
            return name();
        }
    }
}
