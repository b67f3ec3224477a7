package dev.ablate.attention.full;

import static dev.ablate.testkit.ReferenceAttention.dot;
import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import dev.ablate.attention.BuiltinAttention;
import dev.ablate.core.spi.AttentionInputs;
import dev.ablate.core.spi.AttentionSetup;
import dev.ablate.core.spi.tensor.MultiHeadAttention;
import dev.ablate.testkit.Doubles;
import dev.ablate.testkit.ReferenceAttention.Bias;
import dev.ablate.testkit.ReferenceAttention.Layout;
import dev.ablate.testkit.ReferenceAttention.Rotation;
import dev.ablate.testkit.ReferenceAttention;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code full} against softmax(QKᵀ/√d_k)V written out in double precision. */
final class TestFullAttentionReference {

    private static final int D_MODEL = 12;
    private static final int HEADS = 3;

    @ParameterizedTest(name = "scaled={0}, causal={1}")
    @CsvSource({"true,false", "true,true", "false,false", "false,true"})
    void selfAttentionMatchesTheFormula(boolean scaled, boolean causal) {
        check(scaled, causal, 5, 5, false);
    }

    @ParameterizedTest(name = "scaled={0}, query length {1}, memory length {2}")
    @CsvSource({"true,3,6", "true,6,2", "false,4,5"})
    void crossAttentionMatchesTheFormula(boolean scaled, int queryLength, int memoryLength) {
        check(scaled, false, queryLength, memoryLength, true);
    }

    /**
     * d_k other than dModel / heads (the paper's Table 3 row B) and grouped key/value heads: query
     * head i reads key/value head i / (heads / kvHeads).
     */
    @ParameterizedTest(name = "heads={0}, headDim={1}, kvHeads={2}, causal={3}")
    @CsvSource({"4,5,4,false", "4,5,2,true", "4,3,1,false", "3,4,1,true", "6,2,3,false"})
    void headDimAndGroupedKeyValueHeadsMatchTheFormula(int heads, int headDim, int kvHeads, boolean causal) {
        try (NDManager m = NDManager.newBaseManager()) {
            Engine.getInstance().setRandomSeed(9);
            AttentionSetup setup = new AttentionSetup(D_MODEL, heads, headDim, kvHeads, causal, null);
            Block block = BuiltinAttention.FULL.create(new FullConfig(), setup);
            Shape shape = new Shape(2, 5, D_MODEL);
            block.initialize(m, DataType.FLOAT32, shape, shape);
            assertThat(((MultiHeadAttention) block).projections()[1].getParameters().get("weight").getArray().getShape())
                    .as("key projection: kvHeads·headDim outputs").isEqualTo(new Shape((long) kvHeads * headDim, D_MODEL));
            NDArray x = m.randomNormal(shape);
            boolean[][] real = {{true, true, true, false, false}, {true, true, true, true, true}};
            NDArray out = block.forward(new ParameterStore(m, false), AttentionInputs.of(x, x, m.create(real)), false)
                    .singletonOrThrow();
            double[][][] expected = ReferenceAttention.compute(Doubles.of3(x), Doubles.of3(x),
                    ReferenceAttention.Weights.of(block), new Layout(heads, headDim, kvHeads),
                    (h, q, k) -> dot(q, k) / Math.sqrt(headDim), (b, i, j) -> real[b][j] && (!causal || j <= i),
                    Bias.NONE, Rotation.NONE);
            Doubles.assertClose(out, expected, 1e-5, "full attention with d_k=" + headDim + ", kvHeads=" + kvHeads);
        }
    }

    private static void check(boolean scaled, boolean causal, int queryLength, int memoryLength, boolean cross) {
        try (NDManager m = NDManager.newBaseManager()) {
            Engine.getInstance().setRandomSeed(7);
            Block block = BuiltinAttention.FULL.create(new FullConfig(scaled, 0.0), new AttentionSetup(D_MODEL, HEADS, causal));
            block.initialize(m, DataType.FLOAT32, new Shape(2, queryLength, D_MODEL), new Shape(2, memoryLength, D_MODEL));
            NDArray x = m.randomNormal(new Shape(2, queryLength, D_MODEL));
            NDArray memory = cross ? m.randomNormal(new Shape(2, memoryLength, D_MODEL)) : x;
            // Sequence 0 has two padded keys at the end, sequence 1 none.
            boolean[][] real = new boolean[2][memoryLength];
            for (int j = 0; j < memoryLength; j++) {
                real[0][j] = j < Math.max(1, memoryLength - 2);
                real[1][j] = true;
            }
            NDArray mask = m.create(real);

            NDArray out = block.forward(new ParameterStore(m, false), AttentionInputs.of(x, memory, mask), false)
                    .singletonOrThrow();

            double scale = scaled ? Math.sqrt(D_MODEL / HEADS) : 1;
            double[][][] expected = ReferenceAttention.compute(Doubles.of3(x), Doubles.of3(memory),
                    ReferenceAttention.Weights.of(block), HEADS,
                    (h, q, k) -> dot(q, k) / scale,
                    (b, i, j) -> real[b][j] && (!causal || j <= i));
            Doubles.assertClose(out, expected, 1e-5, "full attention vs softmax(QKᵀ/√d_k)V");
        }
    }
}
