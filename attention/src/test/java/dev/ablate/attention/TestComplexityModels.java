package dev.ablate.attention;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ablate.attention.additive.AdditiveConfig;
import dev.ablate.attention.full.FullConfig;
import dev.ablate.attention.restricted.RestrictedConfig;
import dev.ablate.core.spi.ComplexityModel;
import dev.ablate.core.spi.ProblemSize;
import java.util.function.ToDoubleFunction;
import org.junit.jupiter.api.Test;

/** The Table 1 rows, and numbers that grow with n the way the symbolic columns say. */
final class TestComplexityModels {

    private final ComplexityModel full = BuiltinAttention.FULL.complexity(new FullConfig());
    private final ComplexityModel restricted = BuiltinAttention.RESTRICTED.complexity(new RestrictedConfig(32));
    private final ComplexityModel additive = BuiltinAttention.ADDITIVE.complexity(new AdditiveConfig());

    @Test
    void symbolicColumnsAreThePapers() {
        assertThat(new String[] {full.perLayer(), full.sequentialOperations(), full.maximumPathLength()})
                .containsExactly("O(n²·d)", "O(1)", "O(1)");
        assertThat(new String[] {restricted.perLayer(), restricted.sequentialOperations(), restricted.maximumPathLength()})
                .containsExactly("O(r·n·d)", "O(1)", "O(n/r)");
        assertThat(additive.perLayer()).isEqualTo("O(n²·d)");
    }

    @Test
    void fullIsQuadraticAndRestrictedLinearInN() {
        // Log-log slope between n = 8192 and 16384 at d = 64: the n² or n term dominates there.
        assertThat(slope(full::flops)).isBetween(1.9, 2.0);
        assertThat(slope(full::activationBytes)).isBetween(1.95, 2.0);
        assertThat(slope(restricted::flops)).isBetween(0.99, 1.01);
        assertThat(slope(restricted::activationBytes)).isBetween(0.99, 1.01);
        assertThat(slope(additive::flops)).isBetween(1.9, 2.0);
    }

    @Test
    void additiveCostsMoreThanDotProductAtTheSameSize() {
        ProblemSize s = new ProblemSize(1024, 512, 8);
        assertThat(additive.flops(s)).isGreaterThan(full.flops(s));
        assertThat(additive.activationBytes(s)).isGreaterThan(full.activationBytes(s));
    }

    @Test
    void restrictedWithAWindowCoveringTheSequenceCostsAtLeastFull() {
        ProblemSize s = new ProblemSize(16, 64, 4);
        ComplexityModel wide = BuiltinAttention.RESTRICTED.complexity(new RestrictedConfig(1000));
        // The chunk shrinks to n, so the 3n-key window costs 1.5x full's n² scores, never more.
        assertThat(wide.flops(s)).isGreaterThanOrEqualTo(full.flops(s)).isLessThanOrEqualTo(1.5 * full.flops(s));
    }

    /** The paper's counts, by hand: 8nd² projections + 4n²d (QKᵀ, weights·V); 5nd + 2hn² kept. */
    @Test
    void fullCountedByHandWithThePapersSizes() {
        double n = 100;
        double d = 64;
        double h = 4;
        ProblemSize s = new ProblemSize(100, 64, 4);
        assertThat(full.flops(s)).isEqualTo(8 * n * d * d + 4 * n * n * d);
        assertThat(full.activationBytes(s)).isEqualTo(4 * (5 * n * d + 2 * h * n * n));
    }

    /**
     * d_k and kvHeads change the projections (Q: d → h·d_k, K and V: d → g·d_k, output: h·d_k → d) and
     * the kernel's width (h·d_k); with g < h the repeated K and V are kept too.
     */
    @Test
    void headDimAndKvHeadsChangeTheCounts() {
        double n = 100;
        double d = 64;
        double h = 8;
        double dk = 4;
        double g = 2;
        ProblemSize s = new ProblemSize(100, 64, 8, 4, 2, false);
        double projections = 2 * n * d * h * dk + 4 * n * d * g * dk + 2 * n * h * dk * d;
        assertThat(full.flops(s)).isEqualTo(projections + 4 * n * n * h * dk);
        double kept = n * d + 2 * n * h * dk + 2 * n * g * dk + 2 * n * h * dk;
        assertThat(full.activationBytes(s)).isEqualTo(4 * (kept + 2 * h * n * n));
        assertThat(full.flops(s)).isLessThan(full.flops(new ProblemSize(100, 64, 8)));
    }

    private static double slope(ToDoubleFunction<ProblemSize> cost) {
        double small = cost.applyAsDouble(new ProblemSize(8192, 64, 4));
        double large = cost.applyAsDouble(new ProblemSize(16384, 64, 4));
        return Math.log(large / small) / Math.log(2);
    }
}
