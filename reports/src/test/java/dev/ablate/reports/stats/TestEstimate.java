package dev.ablate.reports.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

final class TestEstimate {

    // Two-sided 95% Student-t quantiles t(0.975, df), from printed tables (e.g. NIST/SEMATECH e-Handbook 1.3.6.7.2).
    private static final double T1 = 12.706;
    private static final double T2 = 4.303;
    private static final double T3 = 3.182;
    private static final double T9 = 2.262;

    @Test
    void tQuantilesMatchThePrintedTable() {
        assertThat(Estimate.tQuantile(1)).isCloseTo(T1, within(5e-4));
        assertThat(Estimate.tQuantile(2)).isCloseTo(T2, within(5e-4));
        assertThat(Estimate.tQuantile(3)).isCloseTo(T3, within(5e-4));
        assertThat(Estimate.tQuantile(9)).isCloseTo(T9, within(5e-4));
    }

    @Test
    void meanSampleStdAndInterval() {
        // 1, 2, 3, 4: mean 2.5; squared deviations 2.25 + 0.25 + 0.25 + 2.25 = 5; std = √(5/3) = 1.290994;
        // half-width = 3.182446 · 1.290994 / √4 = 2.054260.
        Estimate e = Estimate.of(List.of(1.0, 2.0, 3.0, 4.0));
        assertThat(e.n()).isEqualTo(4);
        assertThat(e.mean()).isEqualTo(2.5);
        assertThat(e.std()).isCloseTo(1.290994, within(1e-6));
        assertThat(e.low()).isCloseTo(2.5 - 2.054260, within(1e-5));
        assertThat(e.high()).isCloseTo(2.5 + 2.054260, within(1e-5));
        assertThat(e.contains(0.5)).isTrue();
        assertThat(e.contains(0.4)).isFalse();
    }

    @Test
    void twoSeeds() {
        // 0.90, 0.94: mean 0.92, std = |0.04|/√2 = 0.028284; half = 12.706205 · 0.028284 / √2 = 0.254124.
        Estimate e = Estimate.of(List.of(0.90, 0.94));
        assertThat(e.mean()).isCloseTo(0.92, within(1e-12));
        assertThat(e.std()).isCloseTo(0.0282843, within(1e-7));
        assertThat(e.high() - e.mean()).isCloseTo(0.254124, within(1e-5));
    }

    @Test
    void oneValueHasNoSpread() {
        Estimate e = Estimate.of(List.of(0.7));
        assertThat(e.mean()).isEqualTo(0.7);
        assertThat(e.std()).isNaN();
        assertThat(e.hasInterval()).isFalse();
        assertThat(e.contains(0.7)).isFalse();
    }

    @Test
    void identicalValuesHaveAZeroWidthInterval() {
        Estimate e = Estimate.of(List.of(1.0, 1.0, 1.0));
        assertThat(e.std()).isZero();
        assertThat(e.low()).isEqualTo(1.0);
        assertThat(e.high()).isEqualTo(1.0);
    }

    @Test
    void pairedDeltaUsesOnlySharedSeedsAndPairs() {
        // Variant 0.80, 0.85, 0.90 on seeds 1..3 (and seed 4 the baseline lacks); baseline 0.70, 0.77, 0.81.
        // Differences 0.10, 0.08, 0.09: mean 0.09, std 0.01, half = 4.302653 · 0.01 / √3 = 0.024841.
        Map<Integer, Double> variant = new TreeMap<>(Map.of(1, 0.80, 2, 0.85, 3, 0.90, 4, 0.99));
        Map<Integer, Double> baseline = new TreeMap<>(Map.of(1, 0.70, 2, 0.77, 3, 0.81));
        PairedDelta d = PairedDelta.of(variant, baseline);
        assertThat(d.seeds()).containsExactly(1, 2, 3);
        assertThat(d.difference().mean()).isCloseTo(0.09, within(1e-12));
        assertThat(d.difference().std()).isCloseTo(0.01, within(1e-12));
        assertThat(d.difference().low()).isCloseTo(0.09 - 0.024841, within(1e-5));
        assertThat(d.withinNoise()).isFalse();
        // Unpaired, the two means (0.85 vs 0.76) have intervals that overlap: pairing is what separates them.
        Estimate v = Estimate.of(List.of(0.80, 0.85, 0.90));
        Estimate b = Estimate.of(List.of(0.70, 0.77, 0.81));
        assertThat(v.low()).isLessThan(b.high());
    }

    @Test
    void aDeltaWhoseIntervalContainsZeroIsWithinNoise() {
        PairedDelta d = PairedDelta.of(Map.of(1, 0.5, 2, 0.6), Map.of(1, 0.55, 2, 0.52));
        // differences −0.05, +0.08: mean 0.015, interval wide around 0
        assertThat(d.difference().mean()).isCloseTo(0.015, within(1e-12));
        assertThat(d.withinNoise()).isTrue();
    }

    @Test
    void oneSharedSeedIsNoClaim() {
        PairedDelta d = PairedDelta.of(Map.of(1, 0.9), Map.of(1, 0.1, 2, 0.2));
        assertThat(d.difference().mean()).isCloseTo(0.8, within(1e-12));
        assertThat(d.withinNoise()).isTrue();
        assertThat(PairedDelta.of(Map.of(3, 0.9), Map.of(1, 0.1))).isNull();
    }
}
