/**
 * From a spec to trained and evaluated runs: the spec and its checks, training (the step, the
 * optimizer, schedules), evaluation and decoding, and the sweep that runs a plan into the run store.
 */
module dev.ablate.experiments {
    requires transitive dev.ablate.models;
    requires transitive dev.ablate.tasks;
    requires transitive dev.ablate.store;
    requires java.management;
    // sun.misc.Signal: SIGTERM and Ctrl-C stop training at a step boundary (StopRequest).
    requires jdk.unsupported;
    requires com.github.victools.jsonschema.generator;
    requires com.github.victools.jsonschema.module.jackson;
    requires com.fasterxml.classmate;
    requires com.google.protobuf;

    exports dev.ablate.experiments.spec;
    exports dev.ablate.experiments.training;
    exports dev.ablate.experiments.evaluation;
    exports dev.ablate.experiments.sweep;
    exports dev.ablate.experiments.decoding;
    exports dev.ablate.experiments.tensorboard;

    // Injected by Guice; the spec's hash inputs are package-private records Jackson writes.
    opens dev.ablate.experiments.spec to com.google.guice, com.fasterxml.jackson.databind;
    opens dev.ablate.experiments.sweep to com.google.guice;
}
