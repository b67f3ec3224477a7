package dev.ablate.testkit;

import static dev.ablate.testkit.Kit.BATCH;
import static dev.ablate.testkit.Kit.D_MODEL;
import static dev.ablate.testkit.Kit.LENGTH;
import static dev.ablate.testkit.Kit.REAL_LENGTH;
import static dev.ablate.testkit.Kit.assertClose;
import static dev.ablate.testkit.Kit.assertFinite;
import static dev.ablate.testkit.Kit.changedFrom;
import static dev.ablate.testkit.Kit.paddingMask;
import static dev.ablate.testkit.Kit.random;
import static dev.ablate.testkit.Kit.replacePadded;
import static dev.ablate.testkit.Kit.run;
import static dev.ablate.testkit.Kit.withManager;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.junit.jupiter.api.DynamicContainer.dynamicContainer;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import dev.ablate.core.registry.ComponentRegistry;
import dev.ablate.core.spi.ComponentKind;
import dev.ablate.core.spi.NormCapabilities;
import dev.ablate.core.spi.NormConfig;
import dev.ablate.core.spi.NormDescriptor;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;

/**
 * The contract every normalization plugin must keep, as tests. Its block takes {@code x [batch,
 * length, dModel]} and optionally a mask {@code [batch, length]} (true for real tokens) and returns
 * {@code x} normalized, same shape:
 *
 * <pre>{@code
 * @TestFactory
 * Stream<DynamicTest> conformance() {
 *     return NormConformance.of(new MyNorm(), new MyConfig(...));
 * }
 * }</pre>
 *
 * <p>Checks, in training and in evaluation mode: the shape is kept; no output depends on a later
 * position and batch members do not interact (in training mode only for norms without batch
 * statistics, which see the whole batch by design); with a padding mask, padded positions have no
 * influence and a padded sequence gives the unpadded outputs; the input and every trainable
 * parameter get a finite, non-zero gradient, unchanged by a garbage collection between forward and
 * backward; the same seed gives the same output; outputs stay finite for large and for constant inputs.
 * Tests of a capability the plugin does not claim are skipped, not passed.
 */
public final class NormConformance {

    private static final boolean[] MODES = {false, true};

    private NormConformance() {}

    /** The kit for every norm plugin ServiceLoader finds on the test's class path, each with its default config. */
    public static Stream<DynamicNode> forEveryPlugin() {
        return forEveryPlugin(Kit.registry());
    }

    static Stream<DynamicNode> forEveryPlugin(ComponentRegistry registry) {
        return registry.ids(ComponentKind.NORM).stream().map(id -> {
            NormDescriptor<?> d = (NormDescriptor<?>) registry.get(ComponentKind.NORM, id);
            return dynamicContainer(id, ofAny(d, (NormConfig) registry.defaultConfig(ComponentKind.NORM, id)));
        });
    }

    private static <C extends NormConfig> Stream<DynamicTest> ofAny(NormDescriptor<C> d, NormConfig config) {
        return of(d, d.configType().cast(config));
    }

    /** The kit for one plugin with one config. */
    public static <C extends NormConfig> Stream<DynamicTest> of(NormDescriptor<C> descriptor, C config) {
        Subject<C> s = new Subject<>(descriptor, config);
        return Stream.of(
                dynamicTest("keeps the shape, with and without a mask", s::keepsShape),
                dynamicTest("no output depends on a later position", s::noFutureLeakage),
                dynamicTest("batch members do not interact", s::batchMembersDoNotInteract),
                dynamicTest("padding: padded positions have no influence", s::paddedPositionsHaveNoInfluence),
                dynamicTest("padding: a padded sequence gives the unpadded outputs", s::paddingEqualsTruncation),
                dynamicTest("the input and every parameter get a finite, non-zero gradient", s::everyParameterLearns),
                dynamicTest("gradients survive a garbage collection before backward", s::gradientsSurviveGarbageCollection),
                dynamicTest("the same seed gives the same output", s::deterministic),
                dynamicTest("outputs stay finite for large and for constant inputs", s::numericallySane));
    }

    private record Subject<C extends NormConfig>(NormDescriptor<C> descriptor, C config) {

        NormCapabilities capabilities() {
            return descriptor.capabilities(config);
        }

        /** Training and evaluation mode, or evaluation alone for a norm whose training statistics span the batch. */
        boolean[] positionwiseModes() {
            return capabilities().batchStatistics() ? new boolean[] {false} : MODES;
        }

        void keepsShape() {
            withManager(m -> {
                Block block = block(m);
                NDArray x = random(m, BATCH, LENGTH);
                for (boolean training : MODES) {
                    assertThat(run(m, block, training, new NDList(x)).getShape()).isEqualTo(x.getShape());
                    assertThat(run(m, block, training, new NDList(x, paddingMask(m))).getShape()).isEqualTo(x.getShape());
                }
            });
        }

        void noFutureLeakage() {
            withManager(m -> {
                Block block = block(m);
                NDArray x = random(m, BATCH, LENGTH);
                for (boolean training : positionwiseModes()) {
                    NDArray before = run(m, block, training, new NDList(x));
                    for (int t = 1; t < LENGTH; t++) {
                        NDArray after = run(m, block, training, new NDList(changedFrom(m, x, t)));
                        assertClose(after.get(":, :{}", t), before.get(":, :{}", t), "outputs before position " + t
                                + " changed when positions >= " + t + " changed (training=" + training + ")");
                    }
                }
            });
        }

        void batchMembersDoNotInteract() {
            withManager(m -> {
                Block block = block(m);
                NDArray x = random(m, BATCH, LENGTH);
                NDArray changed = x.get("0:1").concat(random(m, 1, LENGTH), 0);
                for (boolean training : positionwiseModes()) {
                    NDArray before = run(m, block, training, new NDList(x));
                    assertClose(run(m, block, training, new NDList(changed)).get("0"), before.get("0"),
                            "changing sequence 1 changed sequence 0 (training=" + training + ")");
                }
            });
        }

        void paddedPositionsHaveNoInfluence() {
            assumeTrue(capabilities().paddingMask(), "no padding mask support");
            withManager(m -> {
                Block block = block(m);
                NDArray x = random(m, BATCH, LENGTH);
                NDArray mask = paddingMask(m);
                NDArray changed = replacePadded(m, x, mask);
                for (boolean training : MODES) {
                    NDArray before = run(m, block, training, new NDList(x, mask));
                    NDArray after = run(m, block, training, new NDList(changed, mask));
                    assertClose(after.get("0, :{}", REAL_LENGTH), before.get("0, :{}", REAL_LENGTH),
                            "real positions changed when padded positions changed (training=" + training + ")");
                    assertClose(after.get("1"), before.get("1"), "an unpadded sequence changed (training=" + training + ")");
                }
            });
        }

        void paddingEqualsTruncation() {
            assumeTrue(capabilities().paddingMask(), "no padding mask support");
            withManager(m -> {
                Block block = block(m);
                NDArray x = random(m, 1, LENGTH);
                NDArray mask = m.arange(LENGTH).lt(REAL_LENGTH).reshape(1, LENGTH);
                for (boolean training : MODES) {
                    NDArray padded = run(m, block, training, new NDList(x, mask));
                    NDArray unpadded = run(m, block, training, new NDList(x.get(":, :{}", REAL_LENGTH)));
                    assertClose(padded.get(":, :{}", REAL_LENGTH), unpadded,
                            "a padded sequence differs from the same sequence unpadded (training=" + training + ")");
                }
            });
        }

        void everyParameterLearns() {
            withManager(m -> Kit.assertEveryParameterLearns(m, block(m), inputs(m)));
        }

        void gradientsSurviveGarbageCollection() {
            withManager(m -> Kit.assertGradientsSurviveGarbageCollection(m, this::block, this::inputs));
        }

        void deterministic() {
            withManager(m -> {
                float[] first = Kit.seededTrainingOutput(m, this::block, this::inputs);
                float[] second = Kit.seededTrainingOutput(m, this::block, this::inputs);
                assertThat(second).as("output of a second run with the same seed").containsExactly(first);
            });
        }

        void numericallySane() {
            withManager(m -> {
                Block block = block(m);
                for (boolean training : MODES) {
                    assertFinite(run(m, block, training, new NDList(random(m, BATCH, LENGTH).mul(1000))),
                            "inputs of size ~1000 (training=" + training + ")");
                    assertFinite(run(m, block, training, new NDList(m.full(new Shape(BATCH, LENGTH, D_MODEL), 3f))),
                            "a constant input (training=" + training + ")");
                }
            });
        }

        /** A random batch, with a padding mask when the norm takes one. */
        private NDList inputs(NDManager m) {
            NDArray x = random(m, BATCH, LENGTH);
            return capabilities().paddingMask() ? new NDList(x, paddingMask(m)) : new NDList(x);
        }

        private Block block(NDManager m) {
            Block block = descriptor.create(config, D_MODEL);
            block.initialize(m, DataType.FLOAT32, new Shape(BATCH, LENGTH, D_MODEL));
            return block;
        }
    }
}
