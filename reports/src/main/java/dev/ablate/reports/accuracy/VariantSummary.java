package dev.ablate.reports.accuracy;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.ablate.reports.stats.Estimate;
import dev.ablate.reports.stats.PairedDelta;
import java.util.List;
import java.util.Map;

/**
 * One row of the comparison: a variant's completed runs summarized over seeds.
 *
 * @param parameters trainable parameters (the same for every seed); {@code null} when no run finished
 * @param completed how many of {@code seeds} completed; the others are listed in {@code notes}
 * @param notes one line per run that did not complete: diverged (with the step), failed (with the error), unfinished, not run
 * @param metrics each evaluation metric over the completed runs
 * @param deltas each metric against the baseline, paired by seed; empty for the baseline itself
 * @param trainTokensPerSecond training tokens per second over the completed runs
 * @param medianStepMs the runs' median update time
 * @param peakGpuMemoryBytes the largest peak GPU memory of the runs; {@code null} where not measured (CPU)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record VariantSummary(
        String variant,
        boolean baseline,
        Long parameters,
        int seeds,
        int completed,
        List<String> notes,
        Map<String, Estimate> metrics,
        Map<String, PairedDelta> deltas,
        Estimate trainTokensPerSecond,
        Estimate medianStepMs,
        Long peakGpuMemoryBytes) {}
