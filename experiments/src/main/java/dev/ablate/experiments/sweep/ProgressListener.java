package dev.ablate.experiments.sweep;

import dev.ablate.experiments.spec.PlannedRun;
import dev.ablate.store.RunResult;
import java.util.Map;

/** What a sweep reports while it works; the CLI draws progress bars from it. All methods optional. */
public interface ProgressListener {

    /** Run {@code index} (1-based) of {@code total} starts, or resumes at {@code fromStep}. */
    default void runStarted(int index, int total, PlannedRun run, long parameters, int fromStep, int steps) {}

    /** A training step finished. */
    default void step(int step, float loss, double tokensPerSecond) {}

    /** A validation pass finished at {@code step}. */
    default void validated(int step, Map<String, Double> metrics) {}

    /** The run ended (completed, diverged or failed). */
    default void runFinished(PlannedRun run, RunResult result) {}

    /** The run was not trained: it has a final result already, or another process holds it. */
    default void runSkipped(int index, int total, PlannedRun run, String reason) {}

    ProgressListener NONE = new ProgressListener() {};
}
