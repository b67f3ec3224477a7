package dev.ablate.examples.linear;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.ablate.core.spi.AttentionDescriptor;
import dev.ablate.core.spi.AttentionSetup;
import dev.ablate.core.spi.ComplexityModel;
import dev.ablate.core.spi.ComponentConfig;
import dev.ablate.core.spi.ComponentKind;
import dev.ablate.core.spi.InvalidConfigException;
import dev.ablate.core.spi.ProblemSize;
import dev.ablate.core.spi.tensor.MultiHeadAttention;
import dev.ablate.testkit.PluginConfigs;
import java.util.function.ToDoubleFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The complexity model, the config's rules, and registration through {@code META-INF/services}. */
final class TestLinearAttentionDescriptor {

    private final AttentionDescriptor<LinearConfig> attention = LinearAttention.DESCRIPTOR;
    private final ComplexityModel complexity = attention.complexity(new LinearConfig());

    @Test
    void tableOneRow() {
        assertThat(new String[] {complexity.perLayer(), complexity.sequentialOperations(), complexity.maximumPathLength()})
                .containsExactly("O(n·d²)", "O(1)", "O(1)");
    }

    /** Every term of the flop count has exactly one factor n: doubling n doubles it. */
    @ParameterizedTest(name = "n={0}, d={1}, h={2}")
    @CsvSource({"1,8,2", "5,8,2", "64,512,8", "8192,64,4", "1000,1024,16"})
    void flopsAreLinearInN(long n, long d, long h) {
        double once = complexity.flops(new ProblemSize(n, d, h));
        assertThat(complexity.flops(new ProblemSize(2 * n, d, h))).isCloseTo(2 * once, within(1e-9 * once));
    }

    /** Activations: n·d and h·n terms, plus the d_k×d_v sums that do not depend on n. */
    @ParameterizedTest(name = "n={0}, d={1}, h={2}")
    @CsvSource({"1,8,2", "5,8,2", "64,512,8", "8192,64,4", "1000,1024,16"})
    void activationBytesAreLinearInN(long n, long d, long h) {
        double once = complexity.activationBytes(new ProblemSize(n, d, h));
        double twice = complexity.activationBytes(new ProblemSize(2 * n, d, h));
        double thrice = complexity.activationBytes(new ProblemSize(3 * n, d, h));
        assertThat(thrice - twice).isCloseTo(twice - once, within(1e-9 * once));
        assertThat(twice).isLessThan(2 * once);
    }

    /** Log-log slope between n = 8192 and 16384 at d = 64, as the built-ins' tests measure it. */
    @Test
    void slopeInNIsOne() {
        assertThat(slope(complexity::flops)).isCloseTo(1.0, within(1e-12));
        assertThat(slope(complexity::activationBytes)).isBetween(0.99, 1.0);
    }

    @Test
    void countedByHand() {
        // n = 10, d = 8, h = 2: projections 4·2·10·64 = 5120; key-value sums and read-out
        // 4·10·64/2 = 1280; normalizer 3·10·8 = 240.
        assertThat(complexity.flops(new ProblemSize(10, 8, 2))).isEqualTo(6640);
        // 8·10·8 = 640 numbers of n·d; 2·10 = 20 denominators; S: 64/2 = 32; Z: 8.
        assertThat(complexity.activationBytes(new ProblemSize(10, 8, 2))).isEqualTo(4 * (640 + 20 + 32 + 8));
    }

    /**
     * Against full attention's counts (flops 4·2·n·d² + 4·n²·d, activations 4·(5·n·d + 2·h·n²)):
     * the n² terms lose once n outgrows d/h.
     */
    @Test
    void cheaperThanFullAttentionAtLength4096() {
        double n = 4096;
        double d = 512;
        double h = 8;
        ProblemSize size = new ProblemSize((long) n, (long) d, (long) h);
        assertThat(complexity.flops(size)).isLessThan((4 * 2 * n * d * d + 4 * n * n * d) / 4);
        assertThat(complexity.activationBytes(size)).isLessThan(4 * (5 * n * d + 2 * h * n * n) / 10);
    }

    private double slope(ToDoubleFunction<ProblemSize> cost) {
        double small = cost.applyAsDouble(new ProblemSize(8192, 64, 4));
        double large = cost.applyAsDouble(new ProblemSize(16384, 64, 4));
        return Math.log(large / small) / Math.log(2);
    }

    @Test
    void defaultsAndRules() {
        assertThat(new LinearConfig().eps()).isEqualTo(LinearConfig.DEFAULT_EPS);
        assertThat(new LinearConfig(null)).isEqualTo(new LinearConfig());
        assertThat(new LinearConfig(0.25).eps()).isEqualTo(0.25);
    }

    @ParameterizedTest(name = "eps={0}")
    @ValueSource(doubles = {0.0, -0.0, -1e-6, -1, Double.NaN, Double.POSITIVE_INFINITY})
    void epsMustBeAFinitePositiveNumber(double eps) {
        assertThatThrownBy(() -> new LinearConfig(eps))
                .isInstanceOfSatisfying(InvalidConfigException.class, e -> assertThat(e.parameter()).isEqualTo("eps"))
                .hasMessageStartingWith("eps: must be a finite number > 0");
    }

    @Test
    void capabilitiesAreTheMasksButNoPositionsInside() {
        var capabilities = attention.capabilities(new LinearConfig());
        assertThat(capabilities.causalMask()).isTrue();
        assertThat(capabilities.paddingMask()).isTrue();
        assertThat(capabilities.crossAttention()).isTrue();
        assertThat(capabilities.rotatedQueryKey()).as("rotary positions").isFalse();
        assertThat(capabilities.scoreBias()).as("a score bias (ALiBi, relative)").isFalse();
        assertThat(attention.create(new LinearConfig(), new AttentionSetup(8, 2, true))).isInstanceOf(MultiHeadAttention.class);
    }

    @Test
    void readFromJsonAsASpecReadsIt() {
        PluginConfigs configs = PluginConfigs.of(new LinearAttentionPlugin());
        assertThat(configs.ids(ComponentKind.ATTENTION)).containsExactly(LinearAttention.ID);
        ComponentConfig read = configs.read(ComponentKind.ATTENTION, "{\"type\": \"linear\", \"eps\": 0.001}");
        assertThat(read).isEqualTo(new LinearConfig(0.001));
        assertThat(configs.idOf(read)).isEqualTo(LinearAttention.ID);
        assertThat(configs.read(ComponentKind.ATTENTION, "{\"type\": \"linear\"}")).isEqualTo(new LinearConfig());
        assertThatThrownBy(() -> configs.read(ComponentKind.ATTENTION, "{\"type\": \"linear\", \"eps\": 0}"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("eps");
        assertThatThrownBy(() -> configs.read(ComponentKind.ATTENTION, "{\"type\": \"linear\", \"epsilon\": 1}"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("epsilon");
    }
}
