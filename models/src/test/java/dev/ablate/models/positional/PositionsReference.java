package dev.ablate.models.positional;

import static dev.ablate.testkit.ReferenceAttention.dot;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import dev.ablate.attention.BuiltinAttention;
import dev.ablate.attention.full.FullConfig;
import dev.ablate.attention.restricted.RestrictedConfig;
import dev.ablate.core.spi.AttentionInputs;
import dev.ablate.core.spi.AttentionPositions;
import dev.ablate.core.spi.AttentionSetup;
import dev.ablate.testkit.Doubles;
import dev.ablate.testkit.ReferenceAttention.Bias;
import dev.ablate.testkit.ReferenceAttention.Layout;
import dev.ablate.testkit.ReferenceAttention.Rotation;
import dev.ablate.testkit.ReferenceAttention;
import java.util.function.Function;

/**
 * Runs {@code full} or {@code restricted} attention with positions inside it on a random, partly
 * padded batch, and compares the output with {@link ReferenceAttention} given the positions' own
 * double-precision bias or rotation.
 */
public final class PositionsReference {

    public static final int D_MODEL = 12;
    private static final int LENGTH = 7;

    private PositionsReference() {}

    /**
     * @param window {@code null} for {@code full}, else {@code restricted} with this window
     * @param positions the positions under test, made for the setup (after its parameters exist, the
     *     bias and rotation are asked for)
     */
    public static void check(int heads, boolean causal, Integer window, Function<AttentionSetup, AttentionPositions> positions,
            Function<Block, Bias> bias, Rotation rotation) {
        try (NDManager m = NDManager.newBaseManager()) {
            Engine.getInstance().setRandomSeed(21);
            AttentionSetup setup = new AttentionSetup(D_MODEL, heads, causal);
            setup = setup.withPositions(positions.apply(setup));
            Block block = window == null
                    ? BuiltinAttention.FULL.create(new FullConfig(), setup)
                    : BuiltinAttention.RESTRICTED.create(new RestrictedConfig(window), setup);
            Shape shape = new Shape(2, LENGTH, D_MODEL);
            block.initialize(m, DataType.FLOAT32, shape, shape);
            // A trained bias table is not near zero: give the check one that is not either.
            block.getParameters().values().stream()
                    .filter(p -> p.getName().equals("relativeBias"))
                    .forEach(p -> p.getArray().set(m.randomNormal(p.getArray().getShape()).toFloatArray()));
            NDArray x = m.randomNormal(shape);
            boolean[][] real = new boolean[2][LENGTH];
            for (int j = 0; j < LENGTH; j++) {
                real[0][j] = j < LENGTH - 2;
                real[1][j] = true;
            }
            NDArray out = block.forward(new ParameterStore(m, false), AttentionInputs.of(x, x, m.create(real)), false)
                    .singletonOrThrow();

            double scale = Math.sqrt((double) D_MODEL / heads);
            double[][][] expected = ReferenceAttention.compute(Doubles.of3(x), Doubles.of3(x),
                    ReferenceAttention.Weights.of(block), Layout.paper(D_MODEL, heads),
                    (h, q, k) -> dot(q, k) / scale,
                    (b, i, j) -> real[b][j] && (!causal || j <= i) && (window == null || Math.abs(i - j) <= window),
                    bias.apply(block), rotation);
            Doubles.assertClose(out, expected, 1e-4, "attention with positions inside vs the double-precision reference");
        }
    }
}
