package dev.ablate.reports.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

final class TestFits {

    @Test
    void exactPowerLawsGiveTheirExponents() {
        double[] n = {256, 512, 1024, 2048, 4096};
        double[] quadratic = new double[n.length];
        double[] linear = new double[n.length];
        double[] constant = new double[n.length];
        for (int i = 0; i < n.length; i++) {
            quadratic[i] = 3e-6 * n[i] * n[i];
            linear[i] = 0.25 * n[i];
            constant[i] = 7;
        }
        assertThat(Fits.logLogSlope(n, quadratic)).isCloseTo(2.0, within(1e-12));
        assertThat(Fits.logLogSlope(n, linear)).isCloseTo(1.0, within(1e-12));
        assertThat(Fits.logLogSlope(n, constant)).isCloseTo(0.0, within(1e-12));
    }

    @Test
    void noisyPointsGiveTheHandComputedLeastSquaresSlope() {
        // log2 x = 0, 1, 2; log2 y = 0, 2.5, 3: sxy = (-1)(-11/6) + 0 + (1)(7/6) = 3, sxx = 2, slope 1.5.
        assertThat(Fits.logLogSlope(new double[] {1, 2, 4}, new double[] {1, Math.pow(2, 2.5), 8}))
                .isCloseTo(1.5, within(1e-12));
        // log2 x = 0..3; log2 y = 0, 1, 3, 3: sxy = 2.625 + 0.375 + 0.625 + 1.875 = 5.5, sxx = 5, slope 1.1.
        assertThat(Fits.logLogSlope(new double[] {1, 2, 4, 8}, new double[] {1, 2, 8, 8}))
                .isCloseTo(1.1, within(1e-12));
    }

    @Test
    void fewerThanTwoUsablePointsGiveNoSlope() {
        assertThat(Fits.logLogSlope(new double[] {512}, new double[] {3})).isNull();
        assertThat(Fits.logLogSlope(new double[] {}, new double[] {})).isNull();
        assertThat(Fits.logLogSlope(new double[] {512, 512}, new double[] {3, 4})).as("all x equal").isNull();
        assertThat(Fits.logLogSlope(new double[] {512, 1024}, new double[] {3, 0})).as("y = 0 left out").isNull();
    }

    @Test
    void fitsEachVariantOverItsPointsWithoutErrorsFromFitMin() {
        List<BenchPoint> points = List.of(
                BenchPoint.measured("full", 256, 999.0, 5L, List.of()),          // below fitMin: left out
                BenchPoint.measured("full", 512, 1.0, 1000L, List.of()),
                BenchPoint.measured("full", 1024, 4.0, 4000L, List.of()),
                BenchPoint.measured("full", 2048, 16.0, 16000L, List.of()),
                BenchPoint.failed("full", 4096, "out of memory: can't allocate"),
                BenchPoint.measured("restricted(window=32)", 512, 2.0, null, List.of()),
                BenchPoint.measured("restricted(window=32)", 1024, 4.0, null, List.of()),
                BenchPoint.measured("additive", 512, 3.0, 10L, List.of()),
                BenchPoint.failed("additive", 1024, "timed out after 1 s"));

        List<BenchFit> fits = Fits.fit(points, 512);

        assertThat(fits).extracting(BenchFit::variant).containsExactly("full", "restricted(window=32)", "additive");
        assertThat(fits.get(0).timeSlope()).isCloseTo(2.0, within(1e-12));
        assertThat(fits.get(0).memorySlope()).isCloseTo(2.0, within(1e-12));
        assertThat(fits.get(0).timePoints()).isEqualTo(3);
        assertThat(fits.get(1).timeSlope()).isCloseTo(1.0, within(1e-12));
        assertThat(fits.get(1).memorySlope()).as("memory not measured").isNull();
        assertThat(fits.get(1).memoryPoints()).isZero();
        assertThat(fits.get(2).timeSlope()).as("one point left").isNull();
        assertThat(Fits.fit(points, null).get(0).timeSlope()).as("all lengths: the 256 outlier counts")
                .isLessThan(0);
    }
}
