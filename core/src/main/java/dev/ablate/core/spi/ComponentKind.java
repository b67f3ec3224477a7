package dev.ablate.core.spi;

import java.util.Locale;

/** The interchangeable parts of a Transformer that plugins provide. */
public enum ComponentKind {
    ATTENTION(AttentionConfig.class),
    POSITIONAL(PositionalConfig.class),
    NORM(NormConfig.class);

    private final Class<? extends ComponentConfig> configBase;

    ComponentKind(Class<? extends ComponentConfig> configBase) {
        this.configBase = configBase;
    }

    /** The interface every config record of this kind implements; the JSON {@code "type"} resolves against it. */
    public Class<? extends ComponentConfig> configBase() {
        return configBase;
    }

    /** The lower-case name used in listings and JSON ({@code attention}, {@code positional}, {@code norm}). */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
