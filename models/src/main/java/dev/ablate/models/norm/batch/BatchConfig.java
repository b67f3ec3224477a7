package dev.ablate.models.norm.batch;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.ablate.core.spi.ConfigCheck;
import dev.ablate.core.spi.NormConfig;
import java.util.Objects;

/**
 * Config of {@code batch}: each feature normalized with its mean and variance over all real
 * (non-padding) positions of all sequences in the training batch (Ioffe and Szegedy 2015), running
 * averages of them at evaluation. The contrast with layer normalization that the paper's readers ask about.
 */
public record BatchConfig(
        @JsonPropertyDescription("added to the variance before the square root; > 0")
        Double eps,
        @JsonPropertyDescription("weight of each training batch in the running statistics used at evaluation, in [0, 1) (PyTorch's convention)")
        Double momentum)
        implements NormConfig {

    public BatchConfig {
        eps = ConfigCheck.positive("eps", Objects.requireNonNullElse(eps, 1e-5));
        momentum = ConfigCheck.fraction("momentum", Objects.requireNonNullElse(momentum, 0.1));
    }
}
