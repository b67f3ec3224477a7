/**
 * The attention benchmark: one attention layer, forward and backward, timed at growing sequence
 * lengths, each point in a fresh child process so its memory is its own.
 */
module dev.ablate.bench {
    requires transitive dev.ablate.core;
    requires transitive dev.ablate.reports;
    requires java.management;

    exports dev.ablate.bench;

    // A point travels to its child process as JSON.
    opens dev.ablate.bench to com.fasterxml.jackson.databind;
}
