package dev.ablate.attention.additive;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import dev.ablate.attention.BuiltinAttention;
import dev.ablate.core.spi.AttentionInputs;
import dev.ablate.core.spi.AttentionSetup;
import dev.ablate.core.spi.tensor.MultiHeadAttention;
import dev.ablate.testkit.Doubles;
import dev.ablate.testkit.ReferenceAttention;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code additive} against vᵀ·tanh(W_q·q + W_k·k + b) per head, in double precision. */
final class TestAdditiveAttentionReference {

    private static final int D_MODEL = 8;
    private static final int HEADS = 2;

    @ParameterizedTest(name = "query length {0}, memory length {1}, causal={2}, chunk={3}")
    @CsvSource({"6,6,false,32", "6,6,true,32", "7,7,true,2", "7,7,false,3", "3,5,false,2", "5,2,false,4"})
    void matchesTheFormula(int queryLength, int memoryLength, boolean causal, int chunk) {
        try (NDManager m = NDManager.newBaseManager()) {
            Engine.getInstance().setRandomSeed(13);
            MultiHeadAttention block = (MultiHeadAttention) BuiltinAttention.ADDITIVE.create(
                    new AdditiveConfig(chunk, 0.0), new AttentionSetup(D_MODEL, HEADS, causal));
            block.initialize(m, DataType.FLOAT32, new Shape(2, queryLength, D_MODEL), new Shape(2, memoryLength, D_MODEL));
            NDArray x = m.randomNormal(new Shape(2, queryLength, D_MODEL));
            NDArray memory = queryLength == memoryLength ? x : m.randomNormal(new Shape(2, memoryLength, D_MODEL));
            boolean[][] real = new boolean[2][memoryLength];
            for (int j = 0; j < memoryLength; j++) {
                real[0][j] = j < Math.max(1, memoryLength - 2);
                real[1][j] = true;
            }
            NDArray out = block.forward(new ParameterStore(m, false), AttentionInputs.of(x, memory, m.create(real)), false)
                    .singletonOrThrow();

            double[][] v = Doubles.of2(((AdditiveKernel) block.kernel()).score.getArray());
            double[][][] expected = ReferenceAttention.compute(Doubles.of3(x), Doubles.of3(memory),
                    ReferenceAttention.Weights.of(block), HEADS,
                    (h, q, k) -> {
                        double s = 0;
                        for (int t = 0; t < q.length; t++) {
                            s += v[h][t] * Math.tanh(q[t] + k[t]);
                        }
                        return s;
                    },
                    (b, i, j) -> real[b][j] && (!causal || j <= i));
            Doubles.assertClose(out, expected, 1e-5, "additive attention vs vᵀ·tanh(W_q·q + W_k·k + b)");
        }
    }
}
