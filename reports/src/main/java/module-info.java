/** Comparison reports on complexity and accuracy, read from the run store. So far: the paper's Table 1. */
module dev.ablate.reports {
    requires transitive dev.ablate.core;

    exports dev.ablate.reports.complexity;
}
