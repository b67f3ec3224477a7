package dev.ablate.reports.store;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * One (variant, seed) of the plan: its result when it has one ({@code null} while it was never run or
 * is unfinished) with the file's own JSON (every field, also those reports do not read), and its
 * logged curve.
 */
public record StoredRun(String variant, int seed, RunOutcome result, JsonNode resultJson, boolean started,
        List<CurvePoint> curve) {

    /** completed, diverged, failed, unfinished (started, no result yet) or not run. */
    public String status() {
        if (result != null) {
            return result.status();
        }
        return started ? "unfinished" : "not run";
    }
}
