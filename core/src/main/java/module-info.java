/**
 * Ablate's core: the plugin SPI ({@code dev.ablate.core.spi}) that every plugin compiles against,
 * the registry that turns plugin descriptors into Guice bindings and Jackson subtypes, the model
 * config, the user-facing errors, and all-or-nothing file writes.
 */
module dev.ablate.core {
    requires transitive ai.djl.api;
    requires transitive com.google.guice;
    requires transitive com.fasterxml.jackson.databind;
    requires transitive com.fasterxml.jackson.annotation;
    requires jakarta.inject;
    // Guice generates classes at run time; without this they fail with IllegalAccessError.
    requires jdk.unsupported;

    exports dev.ablate.core.spi;
    exports dev.ablate.core.registry;
    exports dev.ablate.core.model;
    exports dev.ablate.core.error;
    exports dev.ablate.core.config;
    exports dev.ablate.core.io;
    exports dev.ablate.core.device;

    opens dev.ablate.core.registry to com.google.guice;

    uses dev.ablate.core.spi.AblatePlugin;
}
