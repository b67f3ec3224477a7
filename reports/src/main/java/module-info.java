/**
 * Comparison reports on complexity and accuracy, read from the run store's files alone: report.html,
 * report.md (with SVG charts), results.csv and results.json.
 */
module dev.ablate.reports {
    requires transitive dev.ablate.core;
    requires transitive dev.ablate.store;
    requires transitive jakarta.inject;
    requires java.desktop;
    requires org.knowm.xchart;
    requires org.apache.commons.statistics.distribution;
    requires com.samskivert.jmustache;
    requires com.fasterxml.jackson.dataformat.csv;

    exports dev.ablate.reports.complexity;
    exports dev.ablate.reports.stats;
    exports dev.ablate.reports.store;
    exports dev.ablate.reports.accuracy;
    exports dev.ablate.reports.report;
    exports dev.ablate.reports.bench;
    exports dev.ablate.reports.status;
    exports dev.ablate.reports.verdict;

    // Jackson writes results.json and reads and writes bench.json.
    opens dev.ablate.reports.report to com.fasterxml.jackson.databind;
    opens dev.ablate.reports.bench to com.fasterxml.jackson.databind;
    // ... and ablate status --json.
    opens dev.ablate.reports.status to com.fasterxml.jackson.databind;
    // ... and the verdicts in results.json and ablate check --json.
    opens dev.ablate.reports.verdict to com.fasterxml.jackson.databind;
}
