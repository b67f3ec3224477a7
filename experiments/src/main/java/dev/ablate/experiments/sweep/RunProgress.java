package dev.ablate.experiments.sweep;

import ai.djl.Device;
import ai.djl.util.cuda.CudaUtils;
import dev.ablate.store.CheckpointState;
import dev.ablate.store.MetricDescriptor;
import dev.ablate.store.RunResult;
import java.util.Arrays;

/**
 * Everything that changes while a run trains, over all its sessions: the step, the best validation
 * value, times and tokens. A checkpoint saves it ({@link #state}); a result reports it ({@link #training}).
 */
final class RunProgress {

    private int step;
    private int bestStep;
    private Double bestValue;
    private long trainNanos;
    private long wallNanos;
    private long trainedTokens;
    private final double[] stepMillis;
    private Long peakGpuMemory;
    private long clock;

    private RunProgress(int steps, long sessionStart) {
        this.stepMillis = new double[steps];
        this.clock = sessionStart;
    }

    /** A run that starts at step 0; its wall time counts from {@code sessionStart} ({@link System#nanoTime}). */
    static RunProgress start(int steps, long sessionStart) {
        return new RunProgress(steps, sessionStart);
    }

    /** A run resumed from a checkpoint's state. */
    static RunProgress resume(CheckpointState s, int steps, long sessionStart) {
        RunProgress p = new RunProgress(steps, sessionStart);
        p.step = s.step();
        p.bestStep = s.bestStep();
        p.bestValue = s.bestValue();
        p.trainNanos = s.trainNanos();
        p.wallNanos = s.wallNanos();
        p.trainedTokens = s.trainedTokens();
        System.arraycopy(s.stepMillis(), 0, p.stepMillis, 0, Math.min(s.stepMillis().length, steps));
        p.peakGpuMemory = s.peakGpuMemoryBytes();
        return p;
    }

    int step() {
        return step;
    }

    int bestStep() {
        return bestStep;
    }

    /** Update {@code step} took {@code nanos} and read {@code tokens}. */
    void stepDone(int step, long nanos, long tokens) {
        this.step = step;
        trainNanos += nanos;
        trainedTokens += tokens;
        stepMillis[step - 1] = nanos / 1e6;
    }

    double tokensPerSecond() {
        return trainedTokens / (trainNanos / 1e9);
    }

    /** Records {@code value} of {@code metric} at {@code step} if it beats the best so far; says whether it did. */
    boolean improve(int step, double value, MetricDescriptor metric) {
        if (bestValue != null && !metric.better(value, bestValue)) {
            return false;
        }
        bestValue = value;
        bestStep = step;
        return true;
    }

    /** Adds the wall time since the last call (or the session's start). */
    void clockWall() {
        long now = System.nanoTime();
        wallNanos += now - clock;
        clock = now;
    }

    /** Notes the GPU memory in use; not measured on the CPU (the result says null). */
    void measureGpuMemory(Device device) {
        if (device.isGpu()) {
            long used = CudaUtils.getGpuMemory(device).getUsed();
            peakGpuMemory = peakGpuMemory == null ? used : Math.max(peakGpuMemory, used);
        }
    }

    CheckpointState state() {
        return new CheckpointState(step, bestStep, bestValue, trainNanos, wallNanos, trainedTokens,
                Arrays.copyOf(stepMillis, step), peakGpuMemory);
    }

    /** What training did, for the result of a model with {@code parameters} trainable parameters. */
    RunResult.Training training(long parameters) {
        double trainSeconds = trainNanos / 1e9;
        double[] steps = Arrays.copyOf(stepMillis, step);
        Arrays.sort(steps);
        Double median = steps.length == 0 ? null
                : steps.length % 2 == 1 ? steps[steps.length / 2] : (steps[steps.length / 2 - 1] + steps[steps.length / 2]) / 2;
        return new RunResult.Training(step, parameters, trainSeconds > 0 ? trainedTokens / trainSeconds : null, median,
                trainSeconds, wallNanos / 1e9, peakGpuMemory);
    }
}
