package dev.ablate.models.positional.relative;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import dev.ablate.core.spi.InvalidConfigException;
import dev.ablate.models.positional.PositionsReference;
import dev.ablate.testkit.Doubles;
import dev.ablate.testkit.ReferenceAttention.Bias;
import dev.ablate.testkit.ReferenceAttention.Rotation;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** T5's buckets against a port of its {@code _relative_position_bucket}, and attention with the bias against the reference. */
final class TestRelativeReference {

    /** T5's function (transformers' modeling_t5.py), on plain longs. */
    private static long t5Bucket(long relativePosition, boolean bidirectional, int numBuckets, int maxDistance) {
        long ret = 0;
        long n = -relativePosition;
        if (bidirectional) {
            numBuckets /= 2;
            ret += n < 0 ? numBuckets : 0;
            n = Math.abs(n);
        } else {
            n = Math.max(n, 0);
        }
        long maxExact = numBuckets / 2;
        boolean isSmall = n < maxExact;
        long valIfLarge = maxExact + (long) (Math.log((double) n / maxExact) / Math.log((double) maxDistance / maxExact)
                * (numBuckets - maxExact));
        valIfLarge = Math.min(valIfLarge, numBuckets - 1);
        return ret + (isSmall ? n : valIfLarge);
    }

    @ParameterizedTest(name = "buckets={0}, maxDistance={1}, causal={2}")
    @CsvSource({"32,128,false", "32,128,true", "8,20,false", "8,20,true", "4,4,false"})
    void bucketsAreT5s(int buckets, int maxDistance, boolean causal) {
        RelativePositions positions = new RelativePositions(new RelativeConfig(buckets, maxDistance), 2, causal);
        try (NDManager m = NDManager.newBaseManager()) {
            long[] actual = positions.bucket(m.arange(-300f, 301f)).toLongArray();
            for (int k = 0; k < actual.length; k++) {
                long relative = k - 300;
                assertThat(actual[k]).as("bucket of relative position %d", relative)
                        .isEqualTo(t5Bucket(relative, !causal, buckets, maxDistance));
            }
        }
    }

    @ParameterizedTest(name = "heads={0}, causal={1}, window={2}")
    @CsvSource({"2,false,", "2,true,", "3,true,", "2,false,2", "3,true,3"})
    void attentionMatchesTheReference(int heads, boolean causal, Integer window) {
        RelativeConfig config = new RelativeConfig(8, 16);
        PositionsReference.check(heads, causal, window, setup -> new RelativePositions(config, setup.heads(), causal),
                block -> bias(block, config, causal), Rotation.NONE);
    }

    /** table[bucket(j - i), h], the table read from the block as trained. */
    private static Bias bias(Block block, RelativeConfig config, boolean causal) {
        double[][] table = Doubles.of2(block.getParameters().get("relativeBias").getArray());
        return (h, i, j) -> table[(int) t5Bucket(j - i, !causal, config.buckets(), config.maxDistance())][h];
    }

    @ParameterizedTest(name = "buckets={0}, maxDistance={1}")
    @CsvSource({"3,128", "32,31", "0,128"})
    void refusesTooFewBucketsOrTooShortADistance(int buckets, int maxDistance) {
        assertThatThrownBy(() -> new RelativeConfig(buckets, maxDistance)).isInstanceOf(InvalidConfigException.class);
    }
}
