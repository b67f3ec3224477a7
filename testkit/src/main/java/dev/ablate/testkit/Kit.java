package dev.ablate.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import dev.ablate.core.registry.ComponentRegistry;
import java.util.function.Consumer;
import java.util.function.Function;

/** What the conformance kits share: the sizes they test at, inputs, comparisons and gradient checks. */
final class Kit {

    static final int BATCH = 2;
    static final int D_MODEL = 8;
    static final int LENGTH = 7;
    static final int REAL_LENGTH = 4;
    static final int SEED = 1234;
    static final float TOLERANCE = 1e-5f;

    private Kit() {}

    /** The plugins ServiceLoader finds through the test's class loader, registered as Ablate registers them. */
    static ComponentRegistry registry() {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        return ComponentRegistry.discover(loader == null ? Kit.class.getClassLoader() : loader);
    }

    static NDArray run(NDManager m, Block block, boolean training, NDList inputs) {
        return block.forward(new ParameterStore(m, false), inputs, training).singletonOrThrow();
    }

    static NDArray random(NDManager m, int batch, int length) {
        return m.randomNormal(new Shape(batch, length, D_MODEL));
    }

    /** Sequence 0 has {@link #REAL_LENGTH} real tokens, sequence 1 is all real. */
    static NDArray paddingMask(NDManager m) {
        NDArray first = m.arange(LENGTH).lt(REAL_LENGTH).reshape(1, LENGTH);
        return first.concat(m.ones(new Shape(1, LENGTH), DataType.BOOLEAN), 0);
    }

    /** {@code x} with every padded position replaced by large noise. */
    static NDArray replacePadded(NDManager m, NDArray x, NDArray mask) {
        NDArray keep = mask.toType(DataType.FLOAT32, false).expandDims(-1);
        NDArray noise = m.randomNormal(x.getShape()).mul(50);
        return x.mul(keep).add(noise.mul(keep.neg().add(1)));
    }

    /** {@code x} with positions {@code t} and later replaced by other values. */
    static NDArray changedFrom(NDManager m, NDArray x, int t) {
        Shape s = x.getShape();
        return x.get(":, :{}", t).concat(random(m, (int) s.get(0), (int) s.get(1) - t).mul(3), 1);
    }

    static void assertClose(NDArray actual, NDArray expected, String what) {
        float[] a = actual.toFloatArray();
        float[] e = expected.toFloatArray();
        assertThat(actual.getShape()).as(what + " (shape)").isEqualTo(expected.getShape());
        float worst = 0;
        for (int i = 0; i < a.length; i++) {
            worst = Math.max(worst, Math.abs(a[i] - e[i]));
        }
        assertThat(worst).as(what + ": largest difference").isLessThanOrEqualTo(TOLERANCE);
    }

    static void assertFinite(NDArray x, String what) {
        for (float v : x.toFloatArray()) {
            assertThat(Float.isFinite(v)).as("output finite with " + what).isTrue();
        }
    }

    static void withManager(Consumer<NDManager> test) {
        try (NDManager m = NDManager.newBaseManager()) {
            Engine.getInstance().setRandomSeed(SEED);
            test.accept(m);
        }
    }

    /**
     * Runs {@code block} on {@code inputs} in training mode and back-propagates a random read-out
     * of its output (so no gradient cancels by symmetry): every trainable parameter, and the first
     * input, must get a finite, non-zero gradient.
     */
    static void assertEveryParameterLearns(NDManager m, Block block, NDList inputs) {
        NDArray x = inputs.head();
        x.setRequiresGradient(true);
        try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
            NDArray out = block.forward(new ParameterStore(m, false), inputs, true).singletonOrThrow();
            collector.backward(out.mul(m.randomNormal(out.getShape())).sum());
        }
        assertUsefulGradient("the input", x.getGradient());
        for (Pair<String, Parameter> p : block.getParameters()) {
            if (p.getValue().requiresGradient()) {
                assertUsefulGradient(p.getKey(), p.getValue().getArray().getGradient());
            }
        }
    }

    private static void assertUsefulGradient(String what, NDArray gradient) {
        assertThat(gradient.isInfinite().any().getBoolean() || gradient.isNaN().any().getBoolean())
                .as("gradient of %s is finite", what).isFalse();
        assertThat(gradient.abs().max().getFloat()).as("gradient of %s is non-zero", what).isGreaterThan(0f);
    }

    /**
     * On CPU, DJL arrays made from Java data alias a direct buffer; an operation that frees such an
     * array (as {@code NDArray.mul(Number)} does with its scalar) while autograd still needs it makes
     * backward read freed memory. Collecting garbage between forward and backward turns that silent
     * corruption into a difference this check sees. {@code fresh} builds and initializes the block.
     */
    static void assertGradientsSurviveGarbageCollection(NDManager m, Function<NDManager, Block> fresh,
            Function<NDManager, NDList> inputs) {
        float[][] calm = gradients(m, fresh, inputs, false);
        float[][] collected = gradients(m, fresh, inputs, true);
        assertThat(collected).as("gradients after a garbage collection between forward and backward")
                .hasSameDimensionsAs(calm);
        for (int i = 0; i < calm.length; i++) {
            assertThat(collected[i]).as("gradient %d after a garbage collection", i).containsExactly(calm[i]);
        }
    }

    /** The gradients of the first input and of every trainable parameter, after one seeded pass. */
    private static float[][] gradients(NDManager m, Function<NDManager, Block> fresh, Function<NDManager, NDList> inputs,
            boolean collectGarbage) {
        Engine.getInstance().setRandomSeed(SEED);
        Block block = fresh.apply(m);
        NDList in = inputs.apply(m);
        in.head().setRequiresGradient(true);
        try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
            NDArray out = block.forward(new ParameterStore(m, false), in, true).singletonOrThrow();
            if (collectGarbage) {
                GarbageCollection.collect();
            }
            collector.backward(out.sum());
        }
        java.util.List<float[]> all = new java.util.ArrayList<>();
        all.add(in.head().getGradient().toFloatArray());
        block.getParameters().values().stream().filter(Parameter::requiresGradient)
                .forEach(p -> all.add(p.getArray().getGradient().toFloatArray()));
        return all.toArray(float[][]::new);
    }

    /** The output of a seeded pass in training mode (so dropout, if any, must repeat too). */
    static float[] seededTrainingOutput(NDManager m, Function<NDManager, Block> fresh, Function<NDManager, NDList> inputs) {
        Engine.getInstance().setRandomSeed(SEED);
        Block block = fresh.apply(m);
        return run(m, block, true, inputs.apply(m)).toFloatArray();
    }
}
