/**
 * Ablate's core. To plugins it exports the SPI alone: the contracts ({@code dev.ablate.core.spi})
 * and the tensor helpers plugins build blocks with ({@code dev.ablate.core.spi.tensor}). The rest
 * (the registry that turns plugin descriptors into Guice bindings and Jackson subtypes, the strict
 * config reader, the model config, the user-facing errors, all-or-nothing file writes and device
 * selection) is exported to Ablate's own modules only.
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
    exports dev.ablate.core.spi.tensor;

    exports dev.ablate.core.registry
            to dev.ablate.testkit, dev.ablate.models, dev.ablate.experiments, dev.ablate.reports, dev.ablate.bench,
            dev.ablate.cli;
    exports dev.ablate.core.config
            to dev.ablate.testkit, dev.ablate.models, dev.ablate.tasks, dev.ablate.experiments, dev.ablate.reports,
            dev.ablate.bench, dev.ablate.cli;
    exports dev.ablate.core.model
            to dev.ablate.models, dev.ablate.store, dev.ablate.tasks, dev.ablate.experiments, dev.ablate.reports,
            dev.ablate.cli;
    exports dev.ablate.core.error
            to dev.ablate.testkit, dev.ablate.models, dev.ablate.store, dev.ablate.tasks, dev.ablate.experiments,
            dev.ablate.reports, dev.ablate.bench, dev.ablate.cli;
    exports dev.ablate.core.io
            to dev.ablate.store, dev.ablate.tasks, dev.ablate.experiments, dev.ablate.reports, dev.ablate.cli;
    exports dev.ablate.core.device to dev.ablate.experiments, dev.ablate.bench, dev.ablate.cli;

    // Guice injects the registry; Jackson writes its listings (ablate plugins --json) and reads and
    // writes the model config, whose enums' JSON names the spec's JSON Schema generator reads too.
    opens dev.ablate.core.registry to com.google.guice, com.fasterxml.jackson.databind;
    opens dev.ablate.core.model
            to com.fasterxml.jackson.databind, com.github.victools.jsonschema.generator,
            com.github.victools.jsonschema.module.jackson;

    uses dev.ablate.core.spi.AblatePlugin;
}
