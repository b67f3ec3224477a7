package dev.ablate.experiments.evaluation;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.ablate.core.spi.ConfigCheck;
import dev.ablate.experiments.decoding.DecodingConfig;
import dev.ablate.experiments.decoding.GreedyConfig;
import dev.ablate.tasks.Split;
import java.util.Objects;

/**
 * How a run is evaluated at the end. The {@code metric} also picks the best checkpoint, measured on
 * the validation split every {@code training.evalEvery} steps; every other metric of the task is
 * reported too.
 */
public record EvaluationConfig(
        @JsonPropertyDescription("the split the final metrics are computed on: test or valid")
        Split split,
        @JsonPropertyDescription("best (the best validation value of metric) or last")
        CheckpointChoice checkpoint,
        @JsonPropertyDescription("the metric that picks the best checkpoint and heads the summary; one of the task's metrics; default: exactMatch (sequence-to-sequence), perplexity (language model), accuracy (classification)")
        String metric,
        @JsonPropertyDescription("how output sequences are produced: greedy, or beam with size and length penalty alpha")
        DecodingConfig decoding,
        @JsonPropertyDescription("decode at most source length + this many tokens (the paper: 50)")
        Integer lengthOffset) {

    public EvaluationConfig {
        split = Objects.requireNonNullElse(split, Split.TEST);
        checkpoint = Objects.requireNonNullElse(checkpoint, CheckpointChoice.BEST);
        decoding = Objects.requireNonNullElse(decoding, new GreedyConfig());
        lengthOffset = ConfigCheck.atLeast("lengthOffset", Objects.requireNonNullElse(lengthOffset, 50), 1);
    }

    public static EvaluationConfig defaults() {
        return new EvaluationConfig(null, null, null, null, null);
    }

    public EvaluationConfig withMetric(String metric) {
        return new EvaluationConfig(split, checkpoint, metric, decoding, lengthOffset);
    }
}
