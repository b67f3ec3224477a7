package dev.ablate.experiments.training;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.annotation.JsonTypeName;
import dev.ablate.core.spi.ConfigCheck;
import dev.ablate.core.spi.InvalidConfigException;
import java.util.Objects;

/** Adam (Kingma and Ba 2015) with the paper's defaults: β1 0.9, β2 0.98, ε 1e-9. */
@JsonTypeName("adam")
public record AdamConfig(
        @JsonPropertyDescription("decay of the first-moment estimate, in [0, 1); paper 0.9")
        Double beta1,
        @JsonPropertyDescription("decay of the second-moment estimate, in [0, 1); paper 0.98")
        Double beta2,
        @JsonPropertyDescription("added to the denominator for stability, > 0; paper 1e-9")
        Double eps,
        @JsonPropertyDescription("decoupled weight decay (AdamW), >= 0; 0 is plain Adam")
        Double weightDecay)
        implements OptimizerConfig {

    public AdamConfig {
        beta1 = ConfigCheck.fraction("beta1", Objects.requireNonNullElse(beta1, 0.9));
        beta2 = ConfigCheck.fraction("beta2", Objects.requireNonNullElse(beta2, 0.98));
        eps = ConfigCheck.positive("eps", Objects.requireNonNullElse(eps, 1e-9));
        weightDecay = Objects.requireNonNullElse(weightDecay, 0.0);
        if (!(weightDecay >= 0) || Double.isInfinite(weightDecay)) {
            throw new InvalidConfigException("weightDecay", "must be a finite number >= 0", weightDecay);
        }
    }

    @Override
    public Optimizer create() {
        return new Adam(this);
    }

    public static AdamConfig paper() {
        return new AdamConfig(null, null, null, null);
    }
}
