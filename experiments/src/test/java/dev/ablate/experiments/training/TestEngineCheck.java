package dev.ablate.experiments.training;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.Device;
import dev.ablate.core.registry.ComponentRegistry;
import dev.ablate.models.transformer.TransformerFactory;
import org.junit.jupiter.api.Test;

final class TestEngineCheck {

    @Test
    void trainsATinyModelOnTheCpu() {
        ComponentRegistry registry = ComponentRegistry.discover(getClass().getClassLoader());
        EngineCheck.Result result = EngineCheck.run(new TransformerFactory(registry), registry.json(), Device.cpu());
        assertThat(result.engine()).startsWith("PyTorch 2.7.1");
        assertThat(result.device()).isEqualTo("cpu");
        assertThat(result.parameters()).isPositive();
        assertThat(Float.isFinite(result.loss())).isTrue();
        assertThat(result.milliseconds()).isPositive();
    }
}
