package dev.ablate.reports.store;

/** A metric the task reports, and which way it improves. */
public record MetricInfo(String name, boolean higherIsBetter) {}
