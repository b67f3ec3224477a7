/**
 * The run store's format, defined once: the records of experiment.json, config.json, a
 * metrics.jsonl line, result.json and a checkpoint's state, and the folders that hold them.
 * experiments writes them, reports reads them.
 */
module dev.ablate.store {
    requires transitive dev.ablate.core;
    requires java.management;

    exports dev.ablate.store;

    // Jackson reads and writes the format's records.
    opens dev.ablate.store to com.fasterxml.jackson.databind;
}
