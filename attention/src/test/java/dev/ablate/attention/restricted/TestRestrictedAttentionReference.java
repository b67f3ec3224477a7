package dev.ablate.attention.restricted;

import static dev.ablate.testkit.ReferenceAttention.dot;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import dev.ablate.attention.BuiltinAttention;
import dev.ablate.attention.full.FullConfig;
import dev.ablate.core.spi.AttentionInputs;
import dev.ablate.core.spi.AttentionSetup;
import dev.ablate.core.spi.tensor.MultiHeadAttention;
import dev.ablate.testkit.Doubles;
import dev.ablate.testkit.ReferenceAttention;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code restricted} against full attention with a band mask, and against {@code full} when r >= n. */
final class TestRestrictedAttentionReference {

    private static final int D_MODEL = 8;
    private static final int HEADS = 2;

    @ParameterizedTest(name = "window={0}, length={1}, causal={2}")
    @CsvSource({"1,7,false", "1,7,true", "2,7,false", "2,8,true", "3,7,false", "3,7,true", "4,9,false", "5,5,true",
        "3,1,false"})
    void matchesFullAttentionWithABandMask(int window, int length, boolean causal) {
        try (NDManager m = NDManager.newBaseManager()) {
            Engine.getInstance().setRandomSeed(11);
            Block block = restricted(m, window, length, causal);
            NDArray x = m.randomNormal(new Shape(2, length, D_MODEL));
            boolean[][] real = new boolean[2][length];
            for (int j = 0; j < length; j++) {
                real[0][j] = j < Math.max(1, length - 2);
                real[1][j] = true;
            }
            NDArray out = block.forward(new ParameterStore(m, false), AttentionInputs.of(x, x, m.create(real)), false)
                    .singletonOrThrow();

            double[][][] expected = ReferenceAttention.compute(Doubles.of3(x), Doubles.of3(x),
                    ReferenceAttention.Weights.of(block), HEADS,
                    (h, q, k) -> dot(q, k) / Math.sqrt(D_MODEL / HEADS),
                    (b, i, j) -> Math.abs(i - j) <= window && real[b][j] && (!causal || j <= i));
            Doubles.assertClose(out, expected, 1e-5, "restricted attention vs band-masked softmax(QKᵀ/√d_k)V");
        }
    }

    @ParameterizedTest(name = "window={0} over 7 positions, causal={1}")
    @CsvSource({"6,false", "7,false", "30,false", "7,true"})
    void equalsFullAttentionWhenTheWindowCoversTheSequence(int window, boolean causal) {
        try (NDManager m = NDManager.newBaseManager()) {
            Engine.getInstance().setRandomSeed(12);
            int length = 7;
            Block restricted = restricted(m, window, length, causal);
            var full = BuiltinAttention.FULL.create(new FullConfig(), new AttentionSetup(D_MODEL, HEADS, causal));
            full.initialize(m, DataType.FLOAT32, new Shape(2, length, D_MODEL), new Shape(2, length, D_MODEL));
            // Same weights in both: full's projections are its children in the same order.
            Linear[] mine = ((MultiHeadAttention) restricted).projections();
            for (int i = 0; i < mine.length; i++) {
                var theirs = full.getChildren().get(i).getValue().getParameters();
                theirs.get("weight").getArray().set(mine[i].getParameters().get("weight").getArray().toFloatArray());
                theirs.get("bias").getArray().set(mine[i].getParameters().get("bias").getArray().toFloatArray());
            }
            NDArray x = m.randomNormal(new Shape(2, length, D_MODEL));
            NDArray mask = m.create(new boolean[][] {{true, true, true, true, true, false, false}, 
                {true, true, true, true, true, true, true}});
            ParameterStore ps = new ParameterStore(m, false);
            NDArray a = restricted.forward(ps, AttentionInputs.of(x, x, mask), false).singletonOrThrow();
            NDArray b = full.forward(ps, AttentionInputs.of(x, x, mask), false).singletonOrThrow();
            Doubles.assertClose(a, Doubles.of3(b), 1e-5, "restricted with r >= n vs full");
        }
    }

    @Test
    void refusesCrossAttention() {
        try (NDManager m = NDManager.newBaseManager()) {
            Block block = restricted(m, 2, 4, false);
            NDArray q = m.randomNormal(new Shape(1, 4, D_MODEL));
            NDArray memory = m.randomNormal(new Shape(1, 6, D_MODEL));
            assertThatThrownBy(() -> block.forward(new ParameterStore(m, false), AttentionInputs.of(q, memory, null), false))
                    .hasMessageContaining("self-attention only");
        }
    }

    private static Block restricted(NDManager m, int window, int length, boolean causal) {
        Block block = BuiltinAttention.RESTRICTED.create(new RestrictedConfig(window), new AttentionSetup(D_MODEL, HEADS, causal));
        block.initialize(m, DataType.FLOAT32, new Shape(2, length, D_MODEL), new Shape(2, length, D_MODEL));
        return block;
    }
}
