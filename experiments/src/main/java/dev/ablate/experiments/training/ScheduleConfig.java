package dev.ablate.experiments.training;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.annotation.JsonTypeName;
import dev.ablate.core.spi.ConfigCheck;
import java.util.Objects;

/** The learning rate as a function of the step (1-based), chosen by {@code "type"}. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
    @JsonSubTypes.Type(ScheduleConfig.Noam.class),
    @JsonSubTypes.Type(ScheduleConfig.Constant.class),
    @JsonSubTypes.Type(ScheduleConfig.LinearWarmup.class)
})
public sealed interface ScheduleConfig {

    /** The learning rate of update {@code step} (1, 2, ...) of a model of width {@code dModel}. */
    double rate(int step, int dModel);

    /** The paper's schedule (section 5.3): factor · dModel^-0.5 · min(step^-0.5, step · warmup^-1.5). */
    @JsonTypeName("noam")
    record Noam(
            @JsonPropertyDescription("steps of linear increase before the inverse-square-root decay; paper 4000")
            Integer warmup,
            @JsonPropertyDescription("multiplies the whole schedule; paper 1.0")
            Double factor)
            implements ScheduleConfig {

        public Noam {
            warmup = ConfigCheck.atLeast("warmup", Objects.requireNonNullElse(warmup, 4000), 1);
            factor = ConfigCheck.positive("factor", Objects.requireNonNullElse(factor, 1.0));
        }

        @Override
        public double rate(int step, int dModel) {
            return factor * Math.pow(dModel, -0.5) * Math.min(Math.pow(step, -0.5), step * Math.pow(warmup, -1.5));
        }
    }

    /** One learning rate throughout. */
    @JsonTypeName("constant")
    record Constant(
            @JsonPropertyDescription("the learning rate, > 0")
            Double lr)
            implements ScheduleConfig {

        public Constant {
            lr = ConfigCheck.positive("lr", Objects.requireNonNullElse(lr, 1e-3));
        }

        @Override
        public double rate(int step, int dModel) {
            return lr;
        }
    }

    /** A linear increase from 0 to {@code lr} over {@code warmup} steps, then {@code lr}. */
    @JsonTypeName("linear-warmup")
    record LinearWarmup(
            @JsonPropertyDescription("steps of linear increase")
            Integer warmup,
            @JsonPropertyDescription("the learning rate reached after warm-up, > 0")
            Double lr)
            implements ScheduleConfig {

        public LinearWarmup {
            warmup = ConfigCheck.atLeast("warmup", Objects.requireNonNullElse(warmup, 400), 1);
            lr = ConfigCheck.positive("lr", Objects.requireNonNullElse(lr, 1e-3));
        }

        @Override
        public double rate(int step, int dModel) {
            return lr * Math.min(1.0, (double) step / warmup);
        }
    }
}
