package dev.ablate.core.device;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.Device;
import dev.ablate.core.error.UserException;
import org.junit.jupiter.api.Test;

/** Device selection, including the GPU paths, exercised without a GPU by passing the GPU count. */
final class TestDevices {

    @Test
    void autoTakesTheFirstGpuWhenThereIsOneAndTheCpuOtherwise() {
        assertThat(Devices.select("auto", 0)).isEqualTo(Device.cpu());
        assertThat(Devices.select("auto", 2)).isEqualTo(Device.gpu(0));
        assertThat(Devices.select(" AUTO ", 1)).isEqualTo(Device.gpu(0));
    }

    @Test
    void explicitChoices() {
        assertThat(Devices.select("cpu", 4)).isEqualTo(Device.cpu());
        assertThat(Devices.select("gpu", 4)).isEqualTo(Device.gpu(0));
        assertThat(Devices.select("gpu:3", 4)).isEqualTo(Device.gpu(3));
        assertThat(Devices.describe(Devices.select("gpu:3", 4))).isEqualTo("gpu:3");
        assertThat(Devices.describe(Device.cpu())).isEqualTo("cpu");
    }

    @Test
    void askingForAMissingGpuIsAnErrorNotACpuRun() {
        assertThatThrownBy(() -> Devices.select("gpu", 0))
                .isInstanceOf(UserException.class).hasMessageContaining("PyTorch sees no GPU");
        assertThatThrownBy(() -> Devices.select("gpu:2", 2))
                .isInstanceOf(UserException.class).hasMessageContaining("gpu:0 to gpu:1");
        assertThatThrownBy(() -> Devices.select("tpu", 2))
                .isInstanceOf(UserException.class).hasMessageContaining("expected auto, cpu, gpu or gpu:N");
    }
}
