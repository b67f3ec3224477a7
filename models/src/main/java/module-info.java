/**
 * Positional encodings (sinusoidal, learned, none on the embeddings; rotary, alibi, relative inside attention), normalizations (layer, rms, batch, none), the
 * Transformer layers and the three model families built from a {@code ModelConfig}.
 */
module dev.ablate.models {
    requires transitive dev.ablate.core;
    requires transitive jakarta.inject;

    exports dev.ablate.models.transformer;

    provides dev.ablate.core.spi.AblatePlugin with dev.ablate.models.BuiltinModelComponents;

    opens dev.ablate.models.transformer to com.google.guice;
    // Config records are read and written by Jackson.
    opens dev.ablate.models.positional.sinusoidal to com.fasterxml.jackson.databind;
    opens dev.ablate.models.positional.learned to com.fasterxml.jackson.databind;
    opens dev.ablate.models.positional.none to com.fasterxml.jackson.databind;
    opens dev.ablate.models.positional.rotary to com.fasterxml.jackson.databind;
    opens dev.ablate.models.positional.alibi to com.fasterxml.jackson.databind;
    opens dev.ablate.models.positional.relative to com.fasterxml.jackson.databind;
    opens dev.ablate.models.norm.layer to com.fasterxml.jackson.databind;
    opens dev.ablate.models.norm.rms to com.fasterxml.jackson.databind;
    opens dev.ablate.models.norm.batch to com.fasterxml.jackson.databind;
    opens dev.ablate.models.norm.none to com.fasterxml.jackson.databind;
}
