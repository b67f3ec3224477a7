package dev.ablate.reports.store;

import dev.ablate.store.MetricsLine;
import dev.ablate.store.RunResult;
import java.util.List;

/**
 * One (variant, seed) of the plan: its result when it has one ({@code null} while it was never run or
 * is unfinished) and its logged curve.
 */
public record StoredRun(String variant, int seed, RunResult result, boolean started, List<MetricsLine> curve) {

    /** completed, diverged, failed, unfinished (started, no result yet) or not run. */
    public String status() {
        if (result != null) {
            return result.status().label();
        }
        return started ? "unfinished" : "not run";
    }
}
