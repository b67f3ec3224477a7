package dev.ablate.experiments.evaluation;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Which weights the final evaluation uses. */
public enum CheckpointChoice {
    /** The weights with the best validation value of the spec's metric. */
    @JsonProperty("best") BEST,
    /** The weights after the last step. */
    @JsonProperty("last") LAST;

    /** {@code best} or {@code last}, as in JSON. */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
