package dev.ablate.core.model;

import com.fasterxml.jackson.annotation.JsonValue;

/** The three Transformer shapes Ablate builds. */
public enum ModelFamily {
    /** Encoder and decoder with cross-attention: sequence-to-sequence (the paper's translation model). */
    ENCODER_DECODER("encoder-decoder"),
    /** Decoder-only language model: causal self-attention layers, no cross-attention. */
    DECODER("decoder"),
    /** Encoder with a pooled classification head. */
    ENCODER("encoder");

    private final String label;

    ModelFamily(String label) {
        this.label = label;
    }

    @JsonValue
    public String label() {
        return label;
    }
}
