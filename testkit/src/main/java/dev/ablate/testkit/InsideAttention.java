package dev.ablate.testkit;

import static dev.ablate.testkit.Kit.withManager;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicContainer.dynamicContainer;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import dev.ablate.core.spi.AttentionPositions;
import dev.ablate.core.spi.AttentionSetup;
import dev.ablate.core.spi.ParameterValues;
import dev.ablate.core.spi.PositionalConfig;
import dev.ablate.core.spi.PositionalDescriptor;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicNode;

/**
 * The checks of a positional plugin that acts inside attention (rotates q and k, biases scores).
 * On its own: the scores it leads to, qᵀk after rotation plus the bias, are unchanged when the same
 * constant is added to every position (a relative scheme), and they do change when the keys move
 * (it carries position at all); the bias has the shape the SPI promises. Inside an attention (the
 * kit's dot-product kernel, causal and not): every check of {@link AttentionConformance}, among them
 * no leakage from future positions, padding, gradients for its own parameters, determinism.
 */
public final class InsideAttention {

    private static final int HEADS = 2;
    private static final int HEAD_DIM = 4;
    private static final int LENGTH = 6;

    private InsideAttention() {}

    static <C extends PositionalConfig> Stream<DynamicNode> of(PositionalDescriptor<C> descriptor, C config) {
        return Stream.of(
                dynamicTest("scores are unchanged when every position shifts by a constant",
                        () -> shiftInvariant(descriptor, config)),
                dynamicTest("scores change when the keys move", () -> carriesPosition(descriptor, config)),
                dynamicContainer("inside an attention", AttentionConformance.of(DotProductKernel.DESCRIPTOR,
                        new DotProductKernel.Config(), descriptor, config)));
    }

    private static <C extends PositionalConfig> void shiftInvariant(PositionalDescriptor<C> descriptor, C config) {
        for (boolean causal : new boolean[] {false, true}) {
            withManager(m -> {
                Scores scores = new Scores(m, descriptor.insideAttention(config, setup(causal)));
                NDArray positions = m.arange((float) LENGTH);
                NDArray at = scores.of(positions, positions);
                for (float shift : new float[] {1, 17, 100}) {
                    NDArray shifted = positions.add(shift);
                    float worst = scores.of(shifted, shifted).sub(at).abs().max().getFloat();
                    // Float32 angles of positions near 100 are good to ~1e-5 rad; a scheme that is not
                    // relative changes scores by O(1).
                    assertThat(worst).as("largest change of a score with every position shifted by %s (causal=%s)",
                            shift, causal).isLessThan(2e-4f);
                }
            });
        }
    }

    private static <C extends PositionalConfig> void carriesPosition(PositionalDescriptor<C> descriptor, C config) {
        withManager(m -> {
            Scores scores = new Scores(m, descriptor.insideAttention(config, setup(false)));
            NDArray positions = m.arange((float) LENGTH);
            NDArray at = scores.of(positions, positions);
            NDArray moved = scores.of(positions, positions.add(1f));
            assertThat(at.sub(moved).abs().max().getFloat())
                    .as("largest change of a score when every key moves one position on").isGreaterThan(1e-4f);
        });
    }

    private static AttentionSetup setup(boolean causal) {
        return new AttentionSetup(HEADS * HEAD_DIM, HEADS, HEAD_DIM, HEADS, causal, null);
    }

    /** Random queries and keys, and the scores the positions make of them at given positions. */
    private static final class Scores {

        private final AttentionPositions positions;
        private final NDArray queries;
        private final NDArray keys;
        private final ParameterValues values;

        Scores(NDManager m, AttentionPositions positions) {
            assertThat(positions).as("what the plugin does inside attention").isNotNull();
            this.positions = positions;
            m.getEngine().setRandomSeed(Kit.SEED);
            for (Parameter p : positions.parameters()) {
                p.initialize(m, DataType.FLOAT32);
            }
            // A trained table is not near zero; neither should the one the check sees be.
            positions.parameters().forEach(p -> p.getArray().set(m.randomNormal(p.getArray().getShape()).toFloatArray()));
            this.values = Parameter::getArray;
            this.queries = m.randomNormal(new Shape(1, HEADS, LENGTH, HEAD_DIM));
            this.keys = m.randomNormal(new Shape(1, HEADS, LENGTH, HEAD_DIM));
        }

        /** {@code [heads, queries, keys]}: rotated qᵀk plus the bias. */
        NDArray of(NDArray queryPositions, NDArray keyPositions) {
            NDArray q = positions.rotate(queries, queryPositions);
            NDArray k = positions.rotate(keys, keyPositions);
            NDArray scores = q.matMul(k.transpose(0, 1, 3, 2)).squeeze(0);
            NDArray bias = positions.scoreBias(values, queryPositions.reshape(LENGTH, 1), keyPositions.reshape(1, LENGTH));
            if (bias != null) {
                assertThat(bias.getShape()).as("bias shape").isEqualTo(new Shape(HEADS, LENGTH, LENGTH));
                scores = scores.add(bias);
            }
            return scores;
        }
    }
}
