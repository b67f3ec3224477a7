package dev.ablate.core.model;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** Where the normalization sits around each sub-layer. */
public enum NormPlacement {
    /** The paper's: {@code x = Norm(x + Dropout(Sublayer(x)))}. */
    POST,
    /** {@code x = x + Dropout(Sublayer(Norm(x)))}, with one more norm after the last layer of each stack. */
    PRE;

    /** The JSON name: the constant's name in lower case, words joined by '-'. */
    @JsonValue
    public String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
