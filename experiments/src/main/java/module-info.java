/**
 * From a spec to trained and evaluated runs: the spec and its checks, tasks, training, evaluation
 * (decoding, metrics), the run store, and the sweep that ties them together.
 */
module dev.ablate.experiments {
    requires transitive dev.ablate.models;
    requires java.management;
    requires com.github.victools.jsonschema.generator;
    requires com.github.victools.jsonschema.module.jackson;
    requires com.fasterxml.classmate;

    exports dev.ablate.experiments.device;
    exports dev.ablate.experiments.task;
    exports dev.ablate.experiments.spec;
    exports dev.ablate.experiments.training;
    exports dev.ablate.experiments.evaluation;
    exports dev.ablate.experiments.store;
    exports dev.ablate.experiments.sweep;
    exports dev.ablate.experiments.decoding;
    exports dev.ablate.experiments.metrics;
    exports dev.ablate.experiments.bench;
    exports dev.ablate.experiments.corpus;

    // Injected by Guice; private records written by Jackson (hash inputs, config.json).
    opens dev.ablate.experiments.spec to com.google.guice, com.fasterxml.jackson.databind;
    opens dev.ablate.experiments.sweep to com.google.guice, com.fasterxml.jackson.databind;
    // Task config records are read and written by Jackson.
    opens dev.ablate.experiments.task to com.fasterxml.jackson.databind;
}
