package dev.ablate.models.positional.alibi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ablate.models.positional.PositionsReference;
import dev.ablate.testkit.ReferenceAttention.Rotation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** ALiBi's slopes against the paper's, and attention with ALiBi against -m_h·|i - j| added in double precision. */
final class TestAlibiReference {

    /** Press et al. 2022, §3: for 8 heads, 1/2, 1/4, ..., 1/256. */
    @Test
    void eightHeadsHaveThePapersSlopes() {
        assertThat(AlibiPositions.slopes(8))
                .containsExactly(1 / 2f, 1 / 4f, 1 / 8f, 1 / 16f, 1 / 32f, 1 / 64f, 1 / 128f, 1 / 256f);
    }

    /** Not a power of two: the 4-head slopes, then every other 8-head slope (the authors' get_slopes). */
    @Test
    void sixHeadsTakeTheReferenceCodesSlopes() {
        assertThat(AlibiPositions.slopes(6)).containsExactly(1 / 4f, 1 / 16f, 1 / 64f, 1 / 256f, 1 / 2f, 1 / 8f);
        assertThat(AlibiPositions.slopes(3)).containsExactly(1 / 16f, 1 / 256f, 1 / 4f);
        assertThat(AlibiPositions.slopes(1)).containsExactly(1 / 256f);
    }

    @ParameterizedTest(name = "heads={0}, causal={1}, window={2}")
    @CsvSource({"2,false,", "2,true,", "3,false,", "3,true,", "4,false,2", "3,true,3"})
    void attentionMatchesTheReference(int heads, boolean causal, Integer window) {
        double[] slopes = new double[heads];
        int power = Integer.highestOneBit(heads);
        for (int h = 0; h < heads; h++) {
            // The sequence 2^(-8k/n), k = 1..n, for n = power, then odd k for n = 2·power.
            slopes[h] = h < power ? Math.pow(2, -8.0 * (h + 1) / power) : Math.pow(2, -8.0 * (2 * (h - power) + 1) / (2 * power));
        }
        PositionsReference.check(heads, causal, window, setup -> new AlibiPositions(setup.heads()),
                block -> (h, i, j) -> -slopes[h] * Math.abs(i - j), Rotation.NONE);
    }
}
