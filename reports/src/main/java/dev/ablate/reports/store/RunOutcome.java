package dev.ablate.reports.store;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Map;

/**
 * A run's {@code result.json} as reports read it (the format the experiments module writes; see
 * docs/experiments.md). Fields a report does not use are ignored, so older or newer stores still read.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RunOutcome(
        String variant,
        int seed,
        String status,
        Map<String, Double> metrics,
        String split,
        String checkpoint,
        Integer bestStep,
        int steps,
        long parameters,
        Double trainTokensPerSecond,
        Double medianStepMs,
        double wallSeconds,
        String device,
        Long peakGpuMemoryBytes,
        Integer divergedAtStep,
        String error) {

    public static final String COMPLETED = "completed";
    public static final String DIVERGED = "diverged";
    public static final String FAILED = "failed";

    public boolean completed() {
        return COMPLETED.equals(status);
    }
}
