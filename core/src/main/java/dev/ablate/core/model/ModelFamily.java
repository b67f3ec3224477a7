package dev.ablate.core.model;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** The three Transformer shapes Ablate builds. */
public enum ModelFamily {
    /** Encoder and decoder with cross-attention: sequence-to-sequence (the paper's translation model). */
    ENCODER_DECODER,
    /** Decoder-only language model: causal self-attention layers, no cross-attention. */
    DECODER,
    /** Encoder with a pooled classification head. */
    ENCODER;

    /** The JSON name: the constant's name in lower case, words joined by '-'. */
    @JsonValue
    public String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
