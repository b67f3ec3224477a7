package dev.ablate.testkit;

import static dev.ablate.testkit.Kit.BATCH;
import static dev.ablate.testkit.Kit.D_MODEL;
import static dev.ablate.testkit.Kit.LENGTH;
import static dev.ablate.testkit.Kit.REAL_LENGTH;
import static dev.ablate.testkit.Kit.assertClose;
import static dev.ablate.testkit.Kit.assertFinite;
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
import ai.djl.nn.Parameter;
import dev.ablate.core.registry.ComponentRegistry;
import dev.ablate.core.spi.AttentionCapabilities;
import dev.ablate.core.spi.AttentionConfig;
import dev.ablate.core.spi.AttentionDescriptor;
import dev.ablate.core.spi.AttentionInputs;
import dev.ablate.core.spi.AttentionSetup;
import dev.ablate.core.spi.ComponentKind;
import dev.ablate.core.spi.PositionalCapabilities;
import dev.ablate.core.spi.PositionalConfig;
import dev.ablate.core.spi.PositionalDescriptor;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;

/**
 * The contract every attention plugin must keep, as tests. A plugin author runs all of them with
 * one test method:
 *
 * <pre>{@code
 * @TestFactory
 * Stream<DynamicTest> conformance() {
 *     return AttentionConformance.of(new MyAttention(), new MyConfig(...));
 * }
 * }</pre>
 *
 * <p>Checks: output shapes (self-, causal and cross-attention); no leakage from future positions
 * under a causal mask; padding invariance (padded keys have no influence, and a padded sequence
 * gives the same outputs as the unpadded one); no interaction between batch members; a finite,
 * non-zero gradient for every trainable parameter, unchanged when the JVM collects garbage between
 * forward and backward (see {@code Scalars}); the same seed giving the same output; finite
 * outputs for large inputs and for queries that see a single key. Tests of a capability the plugin
 * does not claim are skipped, not passed. {@link #forEveryPlugin} runs them again with each
 * positional plugin (rotary, ALiBi, relative) the attention accepts inside it.
 */
public final class AttentionConformance {

    static final int CROSS_QUERY_LENGTH = 3;
    static final int CROSS_KEY_LENGTH = 6;
    static final int HEADS = 2;

    private AttentionConformance() {}

    /**
     * The kit for every attention plugin ServiceLoader finds on the test's class path (Ablate's
     * built-ins and the plugin under test), each with its default config, alone and with every
     * positional plugin that acts inside attention and that it accepts.
     */
    public static Stream<DynamicNode> forEveryPlugin() {
        return forEveryPlugin(Kit.registry());
    }

    /** The kit for every attention plugin in {@code registry}, alone and with every positional plugin it accepts inside it. */
    static Stream<DynamicNode> forEveryPlugin(ComponentRegistry registry) {
        return registry.ids(ComponentKind.ATTENTION).stream().map(id -> {
            AttentionDescriptor<?> d = (AttentionDescriptor<?>) registry.get(ComponentKind.ATTENTION, id);
            AttentionConfig config = (AttentionConfig) registry.defaultConfig(ComponentKind.ATTENTION, id);
            List<DynamicNode> nodes = new ArrayList<>(ofAny(d, config, null).toList());
            AttentionCapabilities capabilities = ComponentRegistry.capabilities(d, config);
            for (String positionalId : registry.ids(ComponentKind.POSITIONAL)) {
                Positions positions = Positions.of(registry, positionalId);
                if (positions.insideAttention() && capabilities.accepts(positions.capabilities())) {
                    nodes.add(dynamicContainer("with positions " + positionalId, ofAny(d, config, positions)));
                }
            }
            return dynamicContainer(id, nodes);
        });
    }

    private static <C extends AttentionConfig> Stream<DynamicTest> ofAny(
            AttentionDescriptor<C> d, AttentionConfig config, Positions positions) {
        return of(d, d.configType().cast(config), positions);
    }

    /** The kit for one plugin with one config. */
    public static <C extends AttentionConfig> Stream<DynamicTest> of(AttentionDescriptor<C> descriptor, C config) {
        return of(descriptor, config, null);
    }

    /**
     * The kit for one plugin with one config and a positional plugin acting inside it (rotary,
     * ALiBi, relative); the checks of cross-attention are skipped, as positions act in
     * self-attention only.
     */
    public static <C extends AttentionConfig, P extends PositionalConfig> Stream<DynamicTest> of(
            AttentionDescriptor<C> descriptor, C config, PositionalDescriptor<P> positional, P positionalConfig) {
        return of(descriptor, config, new Positions(positional, positionalConfig));
    }

    static <C extends AttentionConfig> Stream<DynamicTest> of(AttentionDescriptor<C> descriptor, C config, Positions positions) {
        Subject<C> s = new Subject<>(descriptor, config, positions);
        return Stream.of(
                dynamicTest("self-attention keeps the query shape", s::selfAttentionShape),
                dynamicTest("cross-attention keeps the query shape", s::crossAttentionShape),
                dynamicTest("causal mask: no output depends on a later position", s::noFutureLeakage),
                dynamicTest("padding: padded keys have no influence", s::paddedKeysHaveNoInfluence),
                dynamicTest("padding: a padded sequence gives the unpadded outputs", s::paddingEqualsTruncation),
                dynamicTest("cross-attention: padded memory has no influence", s::paddedMemoryHasNoInfluence),
                dynamicTest("batch members do not interact", s::batchMembersDoNotInteract),
                dynamicTest("every parameter gets a finite, non-zero gradient", s::everyParameterLearns),
                dynamicTest("gradients survive a garbage collection before backward", s::gradientsSurviveGarbageCollection),
                dynamicTest("the same seed gives the same output", s::deterministic),
                dynamicTest("outputs stay finite for large inputs and single-key rows", s::numericallySane));
    }

    /** A positional plugin with its config, to act inside the attention under test. */
    record Positions(PositionalDescriptor<?> descriptor, PositionalConfig config) {

        static Positions of(ComponentRegistry registry, String id) {
            return new Positions((PositionalDescriptor<?>) registry.get(ComponentKind.POSITIONAL, id),
                    (PositionalConfig) registry.defaultConfig(ComponentKind.POSITIONAL, id));
        }

        PositionalCapabilities capabilities() {
            return ComponentRegistry.capabilities(descriptor, config);
        }

        boolean insideAttention() {
            return capabilities().insideAttention();
        }

        AttentionSetup into(AttentionSetup setup) {
            return setup.withPositions(ComponentRegistry.insideAttention(descriptor, config, setup));
        }
    }

    /** One plugin and config under test; every check builds fresh blocks on its own manager. */
    private record Subject<C extends AttentionConfig>(AttentionDescriptor<C> descriptor, C config, Positions positions) {

        AttentionCapabilities capabilities() {
            return descriptor.capabilities(config);
        }

        /** Cross-attention never has positions inside it: with them, its checks are the plain kit's. */
        boolean crossAttention() {
            return capabilities().crossAttention() && positions == null;
        }

        void selfAttentionShape() {
            withManager(m -> {
                NDArray x = random(m, BATCH, LENGTH);
                assertThat(forward(m, false, false, AttentionInputs.of(x, x, null)).getShape())
                        .isEqualTo(new Shape(BATCH, LENGTH, D_MODEL));
                if (capabilities().causalMask()) {
                    assertThat(forward(m, true, false, AttentionInputs.of(x, x, null)).getShape())
                            .isEqualTo(new Shape(BATCH, LENGTH, D_MODEL));
                }
            });
        }

        void crossAttentionShape() {
            assumeTrue(crossAttention(), "not cross-attention capable, or positions inside (self-attention only)");
            withManager(m -> {
                NDArray q = random(m, BATCH, CROSS_QUERY_LENGTH);
                NDArray memory = random(m, BATCH, CROSS_KEY_LENGTH);
                assertThat(forward(m, false, false, AttentionInputs.of(q, memory, null)).getShape())
                        .isEqualTo(new Shape(BATCH, CROSS_QUERY_LENGTH, D_MODEL));
            });
        }

        void noFutureLeakage() {
            assumeTrue(capabilities().causalMask(), "no causal mask support");
            withManager(m -> {
                Block block = block(m, true);
                NDArray x = random(m, BATCH, LENGTH);
                NDArray before = run(m, block, false, AttentionInputs.of(x, x, null));
                for (int t = 1; t < LENGTH; t++) {
                    NDArray changed = x.get(":, :{}", t).concat(random(m, BATCH, LENGTH - t).mul(3), 1);
                    NDArray after = run(m, block, false, AttentionInputs.of(changed, changed, null));
                    assertClose(after.get(":, :{}", t), before.get(":, :{}", t),
                            "outputs before position " + t + " changed when positions >= " + t + " changed");
                }
            });
        }

        void paddedKeysHaveNoInfluence() {
            assumeTrue(capabilities().paddingMask(), "no padding mask support");
            withManager(m -> {
                for (boolean causal : causalModes()) {
                    Block block = block(m, causal);
                    NDArray x = random(m, BATCH, LENGTH);
                    NDArray mask = paddingMask(m);
                    NDArray before = run(m, block, false, AttentionInputs.of(x, x, mask));
                    NDArray changed = replacePadded(m, x, mask);
                    NDArray after = run(m, block, false, AttentionInputs.of(changed, changed, mask));
                    assertClose(after.get("0, :{}", REAL_LENGTH), before.get("0, :{}", REAL_LENGTH),
                            "real positions changed when padded positions changed (causal=" + causal + ")");
                    assertClose(after.get("1"), before.get("1"), "an unpadded sequence changed (causal=" + causal + ")");
                }
            });
        }

        void paddingEqualsTruncation() {
            assumeTrue(capabilities().paddingMask(), "no padding mask support");
            withManager(m -> {
                for (boolean causal : causalModes()) {
                    Block block = block(m, causal);
                    NDArray x = random(m, 1, LENGTH);
                    NDArray mask = m.arange(LENGTH).lt(REAL_LENGTH).reshape(1, LENGTH);
                    NDArray padded = run(m, block, false, AttentionInputs.of(x, x, mask));
                    NDArray shortX = x.get(":, :{}", REAL_LENGTH);
                    NDArray unpadded = run(m, block, false, AttentionInputs.of(shortX, shortX, null));
                    assertClose(padded.get(":, :{}", REAL_LENGTH), unpadded,
                            "a padded sequence differs from the same sequence unpadded (causal=" + causal + ")");
                }
            });
        }

        void paddedMemoryHasNoInfluence() {
            assumeTrue(crossAttention() && capabilities().paddingMask(), "no padded cross-attention");
            withManager(m -> {
                Block block = block(m, false);
                NDArray q = random(m, BATCH, CROSS_QUERY_LENGTH);
                NDArray memory = random(m, BATCH, CROSS_KEY_LENGTH);
                NDArray mask = m.arange(CROSS_KEY_LENGTH).lt(REAL_LENGTH).reshape(1, CROSS_KEY_LENGTH)
                        .repeat(0, BATCH);
                NDArray before = run(m, block, false, AttentionInputs.of(q, memory, mask));
                NDArray changed = replacePadded(m, memory, mask);
                NDArray after = run(m, block, false, AttentionInputs.of(q, changed, mask));
                assertClose(after, before, "outputs changed when padded memory changed");
            });
        }

        void batchMembersDoNotInteract() {
            withManager(m -> {
                for (boolean causal : causalModes()) {
                    Block block = block(m, causal);
                    NDArray x = random(m, BATCH, LENGTH);
                    NDArray before = run(m, block, false, AttentionInputs.of(x, x, null));
                    NDArray changed = x.get("0:1").concat(random(m, 1, LENGTH), 0);
                    NDArray after = run(m, block, false, AttentionInputs.of(changed, changed, null));
                    assertClose(after.get("0"), before.get("0"), "changing sequence 1 changed sequence 0");
                }
            });
        }

        void everyParameterLearns() {
            withManager(m -> {
                NDArray x = random(m, BATCH, LENGTH);
                NDArray mask = capabilities().paddingMask() ? paddingMask(m) : null;
                Block block = block(m, false);
                assertThat(block.getParameters().values().stream().anyMatch(Parameter::requiresGradient))
                        .as("an attention has trainable parameters").isTrue();
                Kit.assertEveryParameterLearns(m, block, AttentionInputs.of(x, x, mask));
            });
        }

        /** See {@link Kit#assertGradientsSurviveGarbageCollection}. */
        void gradientsSurviveGarbageCollection() {
            withManager(m -> Kit.assertGradientsSurviveGarbageCollection(m, manager -> block(manager, false),
                    manager -> selfInputs(random(manager, BATCH, LENGTH))));
        }

        void deterministic() {
            withManager(m -> {
                float[] first = Kit.seededTrainingOutput(m, manager -> block(manager, false),
                        manager -> selfInputs(random(manager, BATCH, LENGTH)));
                float[] second = Kit.seededTrainingOutput(m, manager -> block(manager, false),
                        manager -> selfInputs(random(manager, BATCH, LENGTH)));
                assertThat(second).as("output of a second run with the same seed").containsExactly(first);
            });
        }

        private static NDList selfInputs(NDArray x) {
            return AttentionInputs.of(x, x, null);
        }

        void numericallySane() {
            withManager(m -> {
                for (boolean causal : causalModes()) {
                    Block block = block(m, causal);
                    NDArray large = random(m, BATCH, LENGTH).mul(1000);
                    assertFinite(run(m, block, false, AttentionInputs.of(large, large, null)), "inputs of size ~1000");
                    if (capabilities().paddingMask()) {
                        NDArray x = random(m, BATCH, LENGTH);
                        NDArray onlyFirst = m.arange(LENGTH).lt(1).reshape(1, LENGTH).repeat(0, BATCH);
                        assertFinite(run(m, block, false, AttentionInputs.of(x, x, onlyFirst)), "one real key");
                    }
                }
            });
        }

        private boolean[] causalModes() {
            return capabilities().causalMask() ? new boolean[] {false, true} : new boolean[] {false};
        }

        private Block block(NDManager m, boolean causal) {
            AttentionSetup setup = new AttentionSetup(D_MODEL, HEADS, causal);
            Block block = descriptor.create(config, positions == null ? setup : positions.into(setup));
            Shape shape = new Shape(BATCH, LENGTH, D_MODEL);
            block.initialize(m, DataType.FLOAT32, shape, shape);
            return block;
        }

        private NDArray forward(NDManager m, boolean causal, boolean training, NDList inputs) {
            return run(m, block(m, causal), training, inputs);
        }
    }
}
