package dev.ablate.experiments.spec;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.ablate.core.model.ModelConfig;
import dev.ablate.experiments.evaluation.EvaluationConfig;
import dev.ablate.experiments.training.TrainingConfig;
import java.util.Objects;

/** Everything one run needs besides the task and its seed: the model, how it trains, how it is evaluated. */
public record RunConfig(
        @JsonPropertyDescription("the Transformer: family, sizes and plugins (omitted fields: the paper's base model)")
        ModelConfig model,
        @JsonPropertyDescription("steps, batch size, optimizer, schedule, label smoothing, clipping, evaluation interval")
        TrainingConfig training,
        @JsonPropertyDescription("the final evaluation: split, checkpoint, metric, decoding")
        EvaluationConfig evaluation) {

    public RunConfig {
        model = Objects.requireNonNullElse(model, new ModelConfig(null, null, null, null, null, null, null, null, null, null, null,
                null, null, null, null));
        training = Objects.requireNonNullElse(training, TrainingConfig.defaults());
        evaluation = Objects.requireNonNullElse(evaluation, EvaluationConfig.defaults());
    }
}
