package dev.ablate.examples.linear;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import dev.ablate.core.spi.AttentionInputs;
import dev.ablate.core.spi.AttentionSetup;
import dev.ablate.core.spi.tensor.MultiHeadAttention;
import dev.ablate.testkit.Doubles;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code linear} against the formula written out in double precision, in its quadratic form: per
 * head and query, weights w_ij = φ(q_i)·φ(k_j) over the keys the query may see, then Σ_j w_ij v_j /
 * (Σ_j w_ij + eps). The kernel computes the same numbers the other way round (sums over keys first,
 * then one product per query), so the two share nothing but the projection weights.
 */
final class TestLinearAttentionReference {

    private static final int BATCH = 2;
    private static final int LENGTH = 5;
    private static final int D_MODEL = 8;
    private static final int HEADS = 2;
    private static final double TOLERANCE = 1e-5;

    @ParameterizedTest(name = "causal={0}, padded={1}, eps={2}")
    @CsvSource({
        "false,false,1e-6", "true,false,1e-6",
        "false,true,1e-6", "true,true,1e-6",
        "false,true,0.5", "true,true,0.5"})
    void selfAttentionMatchesTheFormula(boolean causal, boolean padded, double eps) {
        check(causal, padded, eps, LENGTH, LENGTH, false);
    }

    @ParameterizedTest(name = "query length {0}, memory length {1}")
    @CsvSource({"3,6", "6,2", "1,5"})
    void crossAttentionMatchesTheFormula(int queryLength, int memoryLength) {
        check(false, true, LinearConfig.DEFAULT_EPS, queryLength, memoryLength, true);
    }

    /**
     * A property of linear attention: query i under the causal mask sees exactly what the last
     * query of the prefix [0..i] sees without it. Two blocks with the same weights, one causal.
     */
    @ParameterizedTest(name = "eps={0}")
    @ValueSource(doubles = {1e-6, 0.5})
    void causalOutputIsTheNonCausalOutputOfThePrefix(double eps) throws Exception {
        try (NDManager m = NDManager.newBaseManager()) {
            Engine.getInstance().setRandomSeed(11);
            LinearConfig config = new LinearConfig(eps);
            Shape shape = new Shape(BATCH, LENGTH, D_MODEL);
            Block causal = LinearAttention.DESCRIPTOR.create(config, new AttentionSetup(D_MODEL, HEADS, true));
            causal.initialize(m, DataType.FLOAT32, shape, shape);
            Block nonCausal = LinearAttention.DESCRIPTOR.create(config, new AttentionSetup(D_MODEL, HEADS, false));
            nonCausal.initialize(m, DataType.FLOAT32, shape, shape);
            copyParameters(m, causal, nonCausal);

            NDArray x = m.randomNormal(shape);
            NDArray all = run(m, causal, x, x, null);
            for (int i = 0; i < LENGTH; i++) {
                NDArray prefix = x.get(":, :{}", i + 1);
                NDArray last = run(m, nonCausal, prefix, prefix, null).get(":, {}:{}", i, i + 1);
                Doubles.assertClose(all.get(":, {}:{}", i, i + 1), Doubles.of3(last), TOLERANCE,
                        "causal output at position " + i + " vs non-causal output of the prefix [0.." + i + "]");
            }
        }
    }

    private static void check(boolean causal, boolean padded, double eps, int queryLength, int memoryLength, boolean cross) {
        try (NDManager m = NDManager.newBaseManager()) {
            Engine.getInstance().setRandomSeed(7);
            MultiHeadAttention block = (MultiHeadAttention) LinearAttention.DESCRIPTOR.create(new LinearConfig(eps),
                    new AttentionSetup(D_MODEL, HEADS, causal));
            block.initialize(m, DataType.FLOAT32,
                    new Shape(BATCH, queryLength, D_MODEL), new Shape(BATCH, memoryLength, D_MODEL));
            NDArray x = m.randomNormal(new Shape(BATCH, queryLength, D_MODEL));
            NDArray memory = cross ? m.randomNormal(new Shape(BATCH, memoryLength, D_MODEL)) : x;
            // When padded, sequence 0 has two padded keys at the end (at least one real), sequence 1 none.
            boolean[][] real = new boolean[BATCH][memoryLength];
            for (int j = 0; j < memoryLength; j++) {
                real[0][j] = !padded || j < Math.max(1, memoryLength - 2);
                real[1][j] = true;
            }
            NDArray mask = padded ? m.create(real) : null;

            NDArray out = run(m, block, x, memory, mask);

            double[][][] expected = reference(Doubles.of3(x), Doubles.of3(memory), block, eps,
                    (b, i, j) -> real[b][j] && (!causal || j <= i));
            Doubles.assertClose(out, expected, TOLERANCE,
                    "linear attention vs Σ_j φ(q_i)·φ(k_j) v_j / (Σ_j φ(q_i)·φ(k_j) + eps)");
        }
    }

    /** Whether query {@code i} of sequence {@code b} may see key {@code j}. */
    private interface Allowed {
        boolean test(int b, int i, int j);
    }

    private static double[][][] reference(
            double[][][] x, double[][][] memory, MultiHeadAttention block, double eps, Allowed allowed) {
        int dHead = D_MODEL / HEADS;
        Linear[] projections = block.projections();
        double[][] wq = Doubles.weight(projections[0]);
        double[][] wk = Doubles.weight(projections[1]);
        double[][] wv = Doubles.weight(projections[2]);
        double[][] wo = Doubles.weight(projections[3]);
        double[][][] out = new double[x.length][][];
        for (int b = 0; b < x.length; b++) {
            double[][] q = Doubles.affineRows(x[b], wq, Doubles.bias(projections[0], D_MODEL));
            double[][] k = Doubles.affineRows(memory[b], wk, Doubles.bias(projections[1], D_MODEL));
            double[][] v = Doubles.affineRows(memory[b], wv, Doubles.bias(projections[2], D_MODEL));
            double[][] context = new double[q.length][D_MODEL];
            for (int h = 0; h < HEADS; h++) {
                int from = h * dHead;
                for (int i = 0; i < q.length; i++) {
                    double[] numerator = new double[dHead];
                    double denominator = 0;
                    for (int j = 0; j < k.length; j++) {
                        if (!allowed.test(b, i, j)) {
                            continue;
                        }
                        double weight = 0;
                        for (int t = 0; t < dHead; t++) {
                            weight += phi(q[i][from + t]) * phi(k[j][from + t]);
                        }
                        for (int t = 0; t < dHead; t++) {
                            numerator[t] += weight * v[j][from + t];
                        }
                        denominator += weight;
                    }
                    for (int t = 0; t < dHead; t++) {
                        context[i][from + t] = numerator[t] / (denominator + eps);
                    }
                }
            }
            out[b] = Doubles.affineRows(context, wo, Doubles.bias(projections[3], D_MODEL));
        }
        return out;
    }

    /** elu(x) + 1. */
    private static double phi(double x) {
        return x > 0 ? x + 1 : Math.exp(x);
    }

    private static NDArray run(NDManager m, Block block, NDArray x, NDArray memory, NDArray mask) {
        return block.forward(new ParameterStore(m, false), AttentionInputs.of(x, memory, mask), false).singletonOrThrow();
    }

    /** Gives {@code to} the weights of {@code from} (the causal flag is not a parameter). */
    private static void copyParameters(NDManager m, Block from, Block to) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        from.saveParameters(new DataOutputStream(bytes));
        to.loadParameters(m, new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));
    }
}
