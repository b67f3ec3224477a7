package dev.ablate.testkit;

import static dev.ablate.testkit.Kit.BATCH;
import static dev.ablate.testkit.Kit.D_MODEL;
import static dev.ablate.testkit.Kit.LENGTH;
import static dev.ablate.testkit.Kit.REAL_LENGTH;
import static dev.ablate.testkit.Kit.assertClose;
import static dev.ablate.testkit.Kit.assertFinite;
import static dev.ablate.testkit.Kit.changedFrom;
import static dev.ablate.testkit.Kit.random;
import static dev.ablate.testkit.Kit.run;
import static dev.ablate.testkit.Kit.withManager;
import static org.assertj.core.api.Assertions.assertThat;
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
import dev.ablate.core.spi.PositionalConfig;
import dev.ablate.core.spi.PositionalDescriptor;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicNode;

/**
 * The contract every positional-encoding plugin must keep, as tests. A plugin that acts on the
 * embeddings has a block that takes the scaled token embeddings {@code [batch, length, dModel]}
 * and returns them with positions added, so position i's output may depend on position i's input
 * and on i, and on nothing else; one that acts inside attention is checked by {@link
 * InsideAttention}:
 *
 * <pre>{@code
 * @TestFactory
 * Stream<DynamicNode> conformance() {
 *     return PositionalConformance.of(new MyPositions(), new MyConfig(...));
 * }
 * }</pre>
 *
 * <p>Checks: the shape is kept at every length it covers, up to its maximum length when it has
 * one; no output depends on a later position; a longer (padded) sequence gives the shorter one's
 * outputs on its positions; batch members do not interact; the input and every trainable parameter
 * get a finite, non-zero gradient, unchanged by a garbage collection between forward and backward;
 * the same seed gives the same output; outputs stay finite for large inputs.
 */
public final class PositionalConformance {

    private PositionalConformance() {}

    /** The kit for every positional plugin ServiceLoader finds on the test's class path, each with its default config. */
    public static Stream<DynamicNode> forEveryPlugin() {
        return forEveryPlugin(Kit.registry());
    }

    static Stream<DynamicNode> forEveryPlugin(ComponentRegistry registry) {
        return registry.ids(ComponentKind.POSITIONAL).stream().map(id -> {
            PositionalDescriptor<?> d = (PositionalDescriptor<?>) registry.get(ComponentKind.POSITIONAL, id);
            return dynamicContainer(id, ofAny(d, (PositionalConfig) registry.defaultConfig(ComponentKind.POSITIONAL, id)));
        });
    }

    private static <C extends PositionalConfig> Stream<DynamicNode> ofAny(PositionalDescriptor<C> d, PositionalConfig config) {
        return of(d, d.configType().cast(config));
    }

    /**
     * The kit for one plugin with one config: for positions inside attention, the checks of {@link
     * InsideAttention} and the attention kit around the kit's own dot-product kernel; for positions on
     * the embeddings, the checks below.
     */
    public static <C extends PositionalConfig> Stream<DynamicNode> of(PositionalDescriptor<C> descriptor, C config) {
        if (descriptor.capabilities(config).insideAttention()) {
            return InsideAttention.of(descriptor, config);
        }
        Subject<C> s = new Subject<>(descriptor, config);
        return Stream.of(
                dynamicTest("keeps the shape at every length it covers", s::keepsShape),
                dynamicTest("no output depends on a later position", s::noFutureLeakage),
                dynamicTest("a longer sequence gives the shorter one's outputs on its positions", s::lengthInvariant),
                dynamicTest("batch members do not interact", s::batchMembersDoNotInteract),
                dynamicTest("the input and every parameter get a finite, non-zero gradient", s::everyParameterLearns),
                dynamicTest("gradients survive a garbage collection before backward", s::gradientsSurviveGarbageCollection),
                dynamicTest("the same seed gives the same output", s::deterministic),
                dynamicTest("outputs stay finite for large inputs", s::numericallySane));
    }

    private record Subject<C extends PositionalConfig>(PositionalDescriptor<C> descriptor, C config) {

        /** The longest input the kit uses: {@link Kit#LENGTH}, or less when the encoding covers less. */
        int length() {
            Integer max = descriptor.capabilities(config).maxLength();
            return max == null ? LENGTH : Math.min(LENGTH, max);
        }

        void keepsShape() {
            withManager(m -> {
                Block block = block(m);
                Integer max = descriptor.capabilities(config).maxLength();
                int longest = max == null ? 4 * LENGTH : max;
                for (int n : new int[] {1, length(), longest}) {
                    assertThat(run(m, block, false, new NDList(random(m, BATCH, n))).getShape())
                            .as("output of length %d", n).isEqualTo(new Shape(BATCH, n, D_MODEL));
                }
            });
        }

        void noFutureLeakage() {
            withManager(m -> {
                Block block = block(m);
                NDArray x = random(m, BATCH, length());
                NDArray before = run(m, block, false, new NDList(x));
                for (int t = 1; t < length(); t++) {
                    NDArray after = run(m, block, false, new NDList(changedFrom(m, x, t)));
                    assertClose(after.get(":, :{}", t), before.get(":, :{}", t),
                            "outputs before position " + t + " changed when positions >= " + t + " changed");
                }
            });
        }

        void lengthInvariant() {
            withManager(m -> {
                Block block = block(m);
                int shorter = Math.min(REAL_LENGTH, length());
                NDArray x = random(m, BATCH, length());
                NDArray longer = run(m, block, false, new NDList(x));
                NDArray prefix = run(m, block, false, new NDList(x.get(":, :{}", shorter)));
                assertClose(longer.get(":, :{}", shorter), prefix,
                        "positions 0.." + (shorter - 1) + " differ between a sequence and its prefix");
            });
        }

        void batchMembersDoNotInteract() {
            withManager(m -> {
                Block block = block(m);
                NDArray x = random(m, BATCH, length());
                NDArray before = run(m, block, false, new NDList(x));
                NDArray changed = x.get("0:1").concat(random(m, 1, length()), 0);
                assertClose(run(m, block, false, new NDList(changed)).get("0"), before.get("0"),
                        "changing sequence 1 changed sequence 0");
            });
        }

        void everyParameterLearns() {
            withManager(m -> Kit.assertEveryParameterLearns(m, block(m), new NDList(random(m, BATCH, length()))));
        }

        void gradientsSurviveGarbageCollection() {
            withManager(m -> Kit.assertGradientsSurviveGarbageCollection(m, this::block,
                    manager -> new NDList(random(manager, BATCH, length()))));
        }

        void deterministic() {
            withManager(m -> {
                float[] first = Kit.seededTrainingOutput(m, this::block, manager -> new NDList(random(manager, BATCH, length())));
                float[] second = Kit.seededTrainingOutput(m, this::block, manager -> new NDList(random(manager, BATCH, length())));
                assertThat(second).as("output of a second run with the same seed").containsExactly(first);
            });
        }

        void numericallySane() {
            withManager(m -> assertFinite(run(m, block(m), false, new NDList(random(m, BATCH, length()).mul(1000))),
                    "inputs of size ~1000"));
        }

        private Block block(NDManager m) {
            Block block = descriptor.create(config, D_MODEL);
            block.initialize(m, DataType.FLOAT32, new Shape(BATCH, length(), D_MODEL));
            return block;
        }
    }
}
