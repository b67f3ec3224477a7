package dev.ablate.core.model;

import com.fasterxml.jackson.annotation.JsonValue;

/** Where the normalization sits around each sub-layer. */
public enum NormPlacement {
    /** The paper's: {@code x = Norm(x + Dropout(Sublayer(x)))}. */
    POST("post"),
    /** {@code x = x + Dropout(Sublayer(Norm(x)))}, with one more norm after the last layer of each stack. */
    PRE("pre");

    private final String label;

    NormPlacement(String label) {
        this.label = label;
    }

    @JsonValue
    public String label() {
        return label;
    }
}
