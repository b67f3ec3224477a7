package dev.ablate.experiments.training;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.ablate.core.spi.ConfigCheck;
import java.util.Objects;

/** How a run trains. Omitted fields take the defaults below (the paper's where it has one). */
public record TrainingConfig(
        @JsonPropertyDescription("optimizer updates to train for")
        Integer steps,
        @JsonPropertyDescription("examples per update")
        Integer batchSize,
        @JsonPropertyDescription("the optimizer; default adam with the paper's β1 0.9, β2 0.98, ε 1e-9")
        OptimizerConfig optimizer,
        @JsonPropertyDescription("learning-rate schedule; default noam with warmup 4000, factor 1")
        ScheduleConfig schedule,
        @JsonPropertyDescription("ε of label smoothing in [0, 1); paper 0.1")
        Double labelSmoothing,
        @JsonPropertyDescription("rescale the gradients when their global L2 norm exceeds this; null or omitted: no clipping")
        Double clipNorm,
        @JsonPropertyDescription("evaluate on the validation split every this many steps (and at the end)")
        Integer evalEvery,
        @JsonPropertyDescription("save a resumable checkpoint every this many steps; default: evalEvery")
        Integer checkpointEvery,
        @JsonPropertyDescription("write the training loss to metrics.jsonl every this many steps")
        Integer logEvery,
        @JsonPropertyDescription("examples per batch when evaluating; default: batchSize")
        Integer evalBatchSize) {

    public TrainingConfig {
        steps = ConfigCheck.atLeast("steps", Objects.requireNonNullElse(steps, 1000), 1);
        batchSize = ConfigCheck.atLeast("batchSize", Objects.requireNonNullElse(batchSize, 32), 1);
        optimizer = Objects.requireNonNullElse(optimizer, AdamConfig.paper());
        schedule = Objects.requireNonNullElse(schedule, new ScheduleConfig.Noam(null, null));
        labelSmoothing = ConfigCheck.fraction("labelSmoothing", Objects.requireNonNullElse(labelSmoothing, 0.1));
        if (clipNorm != null) {
            ConfigCheck.positive("clipNorm", clipNorm);
        }
        evalEvery = ConfigCheck.atLeast("evalEvery", Objects.requireNonNullElse(evalEvery, 500), 1);
        checkpointEvery = ConfigCheck.atLeast("checkpointEvery", Objects.requireNonNullElse(checkpointEvery, evalEvery), 1);
        logEvery = ConfigCheck.atLeast("logEvery", Objects.requireNonNullElse(logEvery, 10), 1);
        evalBatchSize = ConfigCheck.atLeast("evalBatchSize", Objects.requireNonNullElse(evalBatchSize, batchSize), 1);
    }

    public static TrainingConfig defaults() {
        return new TrainingConfig(null, null, null, null, null, null, null, null, null, null);
    }
}
