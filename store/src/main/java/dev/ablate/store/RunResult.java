package dev.ablate.store;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Map;

/**
 * A run's {@code result.json}, written last and atomically; also one entry of the experiment's
 * {@code results.json}. Field names are part of the run store format that reports read.
 *
 * @param variant the variant id
 * @param variantHash the digest of the variant's resolved config and task
 * @param seed the training seed
 * @param status {@code completed}, {@code diverged} (a NaN or infinite loss; see {@code divergedAtStep}) or {@code failed}
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
        String status,
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

    public static final String COMPLETED = "completed";
    public static final String DIVERGED = "diverged";
    public static final String FAILED = "failed";

    /** Whether re-running the spec leaves this run alone (completed or diverged; failed runs are retried). */
    @JsonIgnore
    public boolean isFinal() {
        return COMPLETED.equals(status) || DIVERGED.equals(status);
    }
}
