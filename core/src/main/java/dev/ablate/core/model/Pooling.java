package dev.ablate.core.model;

import com.fasterxml.jackson.annotation.JsonValue;

/** How the encoder family turns a sequence of vectors into one for classification. */
public enum Pooling {
    /** The mean over real (non-padding) positions. */
    MEAN("mean"),
    /** The first position (a classification token the task puts there). */
    FIRST("first");

    private final String label;

    Pooling(String label) {
        this.label = label;
    }

    @JsonValue
    public String label() {
        return label;
    }
}
