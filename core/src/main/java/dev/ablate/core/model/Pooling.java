package dev.ablate.core.model;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** How the encoder family turns a sequence of vectors into one for classification. */
public enum Pooling {
    /** The mean over real (non-padding) positions. */
    MEAN,
    /** The first position (a classification token the task puts there). */
    FIRST;

    /** The JSON name: the constant's name in lower case, words joined by '-'. */
    @JsonValue
    public String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
