package dev.ablate.store;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Map;

/**
 * A run's {@code result.json}, written last and atomically: the run is done when it exists (unless
 * it failed, see {@link RunStatus#isFinal}). Build one with {@link #completed}, {@link #diverged} or
 * {@link #failed}.
 *
 * @param variant the variant id
 * @param variantHash the digest of the variant's resolved config and task
 * @param seed the training seed
 * @param status how the run ended
 * @param metrics the final metrics on {@code split} (empty when the run did not complete)
 * @param split the split the metrics were computed on
 * @param checkpoint {@code best} or {@code last}: which weights were evaluated
 * @param bestStep the step of the evaluated weights
 * @param steps the updates trained
 * @param parameters trainable parameters
 * @param trainTokensPerSecond tokens per second of training time (evaluation excluded): target tokens
 *     (EOS included) for sequence tasks, as fairseq and the PyTorch peer count them; input tokens for classification
 * @param medianStepMs median time of one update
 * @param trainSeconds time spent in training steps, over all sessions of the run
 * @param wallSeconds wall time of the run over all its sessions, evaluation and checkpoints included
 * @param device where it trained, e.g. {@code cpu()} or {@code gpu(0)}
 * @param peakGpuMemoryBytes the most GPU memory seen in use while training; {@code null} on CPU (not measured)
 * @param versions Ablate, DJL, PyTorch and JDK versions
 * @param divergedAtStep the step whose loss was not finite, for diverged runs
 * @param error what went wrong, for failed runs
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RunResult(
        String variant,
        String variantHash,
        int seed,
        RunStatus status,
        Map<String, Double> metrics,
        String split,
        String checkpoint,
        Integer bestStep,
        int steps,
        long parameters,
        Double trainTokensPerSecond,
        Double medianStepMs,
        double trainSeconds,
        double wallSeconds,
        String device,
        Long peakGpuMemoryBytes,
        Map<String, String> versions,
        Integer divergedAtStep,
        String error) {

    /** Which run this is. */
    public record Identity(String variant, String variantHash, int seed) {}

    /** Where it ran: the device and the software versions. */
    public record Environment(String device, Map<String, String> versions) {}

    /** What training did, over every session of the run. */
    public record Training(int steps, long parameters, Double trainTokensPerSecond, Double medianStepMs,
            double trainSeconds, double wallSeconds, Long peakGpuMemoryBytes) {}

    /** The final evaluation: metrics on a split, of the weights of {@code evaluatedStep} ({@code best} or {@code last}). */
    public record Evaluation(Map<String, Double> metrics, String split, String checkpoint, int evaluatedStep) {}

    public static RunResult completed(Identity run, Evaluation evaluation, Training training, Environment environment) {
        return new RunResult(run.variant(), run.variantHash(), run.seed(), RunStatus.COMPLETED, evaluation.metrics(),
                evaluation.split(), evaluation.checkpoint(), evaluation.evaluatedStep(), training.steps(),
                training.parameters(), training.trainTokensPerSecond(), training.medianStepMs(), training.trainSeconds(),
                training.wallSeconds(), environment.device(), training.peakGpuMemoryBytes(), environment.versions(), null,
                null);
    }

    /** A run whose loss at {@code step} was NaN or infinite. */
    public static RunResult diverged(Identity run, int step, Training training, Environment environment) {
        return new RunResult(run.variant(), run.variantHash(), run.seed(), RunStatus.DIVERGED, Map.of(), null, null, null,
                training.steps(), training.parameters(), training.trainTokensPerSecond(), training.medianStepMs(),
                training.trainSeconds(), training.wallSeconds(), environment.device(), training.peakGpuMemoryBytes(),
                environment.versions(), step, null);
    }

    /** A run that threw {@code error}; it is retried when the spec is run again. */
    public static RunResult failed(Identity run, String error, Environment environment) {
        return new RunResult(run.variant(), run.variantHash(), run.seed(), RunStatus.FAILED, Map.of(), null, null, null,
                0, 0, null, null, 0, 0, environment.device(), null, environment.versions(), null, error);
    }

    @JsonIgnore
    public boolean completed() {
        return status == RunStatus.COMPLETED;
    }
}
