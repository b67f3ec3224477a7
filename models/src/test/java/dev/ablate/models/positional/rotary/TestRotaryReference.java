package dev.ablate.models.positional.rotary;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ablate.core.spi.InvalidConfigException;
import dev.ablate.models.positional.PositionsReference;
import dev.ablate.testkit.ReferenceAttention.Bias;
import dev.ablate.testkit.ReferenceAttention.Rotation;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Rotary positions inside attention against RoPE written out in double precision. */
final class TestRotaryReference {

    @ParameterizedTest(name = "heads={0}, fraction={1}, base={2}, causal={3}, window={4}")
    @CsvSource({"2,1.0,10000,false,", "2,1.0,10000,true,", "2,0.5,10000,false,", "3,1.0,100,true,",
        "2,0.25,10000,true,", "2,1.0,10000,false,2", "3,0.5,10000,true,3"})
    void attentionMatchesTheReference(int heads, double fraction, double base, boolean causal, Integer window) {
        RotaryConfig config = new RotaryConfig(fraction, base);
        int headDim = PositionsReference.D_MODEL / heads;
        PositionsReference.check(heads, causal, window, setup -> new RotaryPositions(config, setup.headDim()),
                block -> Bias.NONE, rope(fraction, base, headDim));
    }

    /**
     * Dimension pairs (t, t + r/2), t < r/2, with r the even number of rotated dimensions, turned by
     * position·base^(-2t/r); the other dimensions left alone.
     */
    private static Rotation rope(double fraction, double base, int headDim) {
        int r = Math.max(2, 2 * (int) Math.floor(fraction * headDim / 2));
        return (x, position) -> {
            double[] out = x.clone();
            for (int t = 0; t < r / 2; t++) {
                double angle = position * Math.pow(base, -2.0 * t / r);
                out[t] = x[t] * Math.cos(angle) - x[t + r / 2] * Math.sin(angle);
                out[t + r / 2] = x[t + r / 2] * Math.cos(angle) + x[t] * Math.sin(angle);
            }
            return out;
        };
    }

    @ParameterizedTest(name = "fraction={0}")
    @ValueSource(doubles = {0, -0.5, 1.5, Double.NaN})
    void fractionMustBeInZeroToOne(double fraction) {
        assertThatThrownBy(() -> new RotaryConfig(fraction, null))
                .isInstanceOfSatisfying(InvalidConfigException.class, e -> assertThat(e.parameter()).isEqualTo("fraction"));
    }

    @ParameterizedTest(name = "fraction={0} of d_k={1} rotates {2}")
    @CsvSource({"1.0,64,64", "0.25,64,16", "0.5,6,2", "0.1,6,2", "1.0,5,4"})
    void rotatedDimensionsAreEvenAndAtLeastTwo(double fraction, int headDim, int rotated) {
        assertThat(RotaryPositions.rotatedDimensions(new RotaryConfig(fraction, null), headDim)).isEqualTo(rotated);
    }
}
