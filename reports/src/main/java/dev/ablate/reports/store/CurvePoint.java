package dev.ablate.reports.store;

import java.util.Map;

/**
 * One line of a run's metrics.jsonl: a step, its split ({@code train}, {@code valid}, or the final
 * evaluation's split) and its numeric values.
 */
public record CurvePoint(int step, String split, Map<String, Double> values) {

    public static final String TRAIN = "train";
    public static final String VALID = "valid";
}
