package dev.ablate.attention.full;

import static dev.ablate.attention.ReferenceAttention.dot;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import dev.ablate.attention.ReferenceAttention;
import dev.ablate.core.spi.AttentionInputs;
import dev.ablate.core.spi.AttentionSetup;
import dev.ablate.testkit.Doubles;
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

    private static void check(boolean scaled, boolean causal, int queryLength, int memoryLength, boolean cross) {
        try (NDManager m = NDManager.newBaseManager()) {
            Engine.getInstance().setRandomSeed(7);
            FullAttentionBlock block = new FullAttentionBlock(new FullConfig(scaled, 0.0), new AttentionSetup(D_MODEL, HEADS, causal));
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
                    ReferenceAttention.Weights.of(block.query, block.key, block.value, block.output, D_MODEL), HEADS,
                    (h, q, k) -> dot(q, k) / scale,
                    (b, i, j) -> real[b][j] && (!causal || j <= i));
            Doubles.assertClose(out, expected, 1e-5, "full attention vs softmax(QKᵀ/√d_k)V");
        }
    }
}
