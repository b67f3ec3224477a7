package dev.ablate.experiments.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.ablate.core.spi.InvalidConfigException;
import org.junit.jupiter.api.Test;

/** The learning-rate schedules at steps worked out by hand. */
class TestSchedules {

    private static final double TIGHT = 1e-15;

    @Test
    void noamWithThePapersSettings() {
        ScheduleConfig noam = new ScheduleConfig.Noam(null, null);
        // lr = 512^-0.5 · min(step^-0.5, step · 4000^-1.5)
        // step 1: 1 / (√512 · 4000^1.5) = 1 / (22.627417 · 252982.21) = 1.746928e-7
        assertThat(noam.rate(1, 512)).isCloseTo(1.746928e-7, within(1e-12));
        assertThat(noam.rate(1, 512)).isCloseTo(1 / (Math.sqrt(512) * 4000 * Math.sqrt(4000)), within(TIGHT));
        // step 4000, the peak: 1 / √(512 · 4000) = 1 / √2048000 = 6.987712e-4
        assertThat(noam.rate(4000, 512)).isCloseTo(6.987712e-4, within(1e-10));
        assertThat(noam.rate(4000, 512)).isCloseTo(1 / Math.sqrt(2_048_000), within(TIGHT));
        // step 16000: 1 / √(512 · 16000) = 1 / √8192000 = 3.493856e-4, half the peak
        assertThat(noam.rate(16000, 512)).isCloseTo(3.493856e-4, within(1e-10));
        assertThat(noam.rate(16000, 512)).isCloseTo(noam.rate(4000, 512) / 2, within(TIGHT));
        // warm-up is linear: step 2000 is half the peak
        assertThat(noam.rate(2000, 512)).isCloseTo(noam.rate(4000, 512) / 2, within(TIGHT));
    }

    @Test
    void noamPeaksAtTheEndOfWarmup() {
        ScheduleConfig noam = new ScheduleConfig.Noam(400, 2.0);
        for (int step = 1; step < 400; step++) {
            assertThat(noam.rate(step, 64)).isLessThan(noam.rate(step + 1, 64));
        }
        for (int step = 400; step < 2000; step++) {
            assertThat(noam.rate(step, 64)).isGreaterThan(noam.rate(step + 1, 64));
        }
        // factor 2, dModel 64, warmup 400: 2 / (8 · 20) = 0.0125 at the peak
        assertThat(noam.rate(400, 64)).isCloseTo(0.0125, within(TIGHT));
        // the factor multiplies the whole schedule
        ScheduleConfig single = new ScheduleConfig.Noam(400, 1.0);
        assertThat(noam.rate(1234, 64)).isCloseTo(2 * single.rate(1234, 64), within(TIGHT));
        // 100 steps in: 2 · 64^-0.5 · 100 · 400^-1.5 = 2 / 8 · 100 / 8000 = 0.003125
        assertThat(noam.rate(100, 64)).isCloseTo(0.003125, within(TIGHT));
        // 1600 steps in: 2 / 8 / 40 = 0.00625
        assertThat(noam.rate(1600, 64)).isCloseTo(0.00625, within(TIGHT));
    }

    @Test
    void constantIsTheSameAtEveryStepAndWidth() {
        ScheduleConfig constant = new ScheduleConfig.Constant(3e-4);
        for (int step : new int[] {1, 2, 10, 4000, 1_000_000}) {
            assertThat(constant.rate(step, 512)).isEqualTo(3e-4);
            assertThat(constant.rate(step, 16)).isEqualTo(3e-4);
        }
        assertThat(new ScheduleConfig.Constant(null).rate(1, 512)).isEqualTo(1e-3);
    }

    @Test
    void linearWarmupRisesToTheRateThenStays() {
        ScheduleConfig warmup = new ScheduleConfig.LinearWarmup(100, 1e-3);
        assertThat(warmup.rate(1, 512)).isCloseTo(1e-5, within(TIGHT));
        assertThat(warmup.rate(25, 512)).isCloseTo(2.5e-4, within(TIGHT));
        assertThat(warmup.rate(50, 512)).isCloseTo(5e-4, within(TIGHT));
        assertThat(warmup.rate(99, 512)).isCloseTo(9.9e-4, within(TIGHT));
        assertThat(warmup.rate(100, 512)).isEqualTo(1e-3);
        assertThat(warmup.rate(101, 512)).isEqualTo(1e-3);
        assertThat(warmup.rate(100_000, 8)).isEqualTo(1e-3);
        ScheduleConfig defaults = new ScheduleConfig.LinearWarmup(null, null);
        assertThat(defaults.rate(200, 512)).isCloseTo(5e-4, within(TIGHT));
        assertThat(defaults.rate(400, 512)).isEqualTo(1e-3);
    }

    @Test
    void noamDefaultsAreThePapers() {
        ScheduleConfig.Noam noam = new ScheduleConfig.Noam(null, null);
        assertThat(noam.warmup()).isEqualTo(4000);
        assertThat(noam.factor()).isEqualTo(1.0);
    }

    @Test
    void invalidSettingsAreRejected() {
        assertThatThrownBy(() -> new ScheduleConfig.Noam(0, null)).isInstanceOf(InvalidConfigException.class);
        assertThatThrownBy(() -> new ScheduleConfig.Noam(null, 0.0)).isInstanceOf(InvalidConfigException.class);
        assertThatThrownBy(() -> new ScheduleConfig.Constant(-1e-3)).isInstanceOf(InvalidConfigException.class);
        assertThatThrownBy(() -> new ScheduleConfig.LinearWarmup(0, 1e-3)).isInstanceOf(InvalidConfigException.class);
        assertThatThrownBy(() -> new ScheduleConfig.LinearWarmup(10, 0.0)).isInstanceOf(InvalidConfigException.class);
    }
}
