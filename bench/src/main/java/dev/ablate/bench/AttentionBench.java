package dev.ablate.bench;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import dev.ablate.core.device.Devices;
import dev.ablate.core.registry.ComponentRegistry;
import dev.ablate.core.spi.AttentionConfig;
import dev.ablate.core.spi.AttentionInputs;
import dev.ablate.core.spi.AttentionSetup;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Times one attention layer: the plugin's block built through the registry exactly as the models
 * build self-attention ({@code AttentionSetup(dModel, heads, causal = false)}), in training mode,
 * on an input of shape [batch, n, dModel] with no mask. One pass is forward, then backward of the
 * sum of the output inside a gradient collector, every parameter with a gradient; a point is
 * {@code warmup} untimed passes and {@code repeats} timed ones, and its time is their median.
 *
 * <p>{@link #measure} runs in this process and leaves memory out; {@link #measureFresh} is what a
 * fresh child process runs ({@link PointProcess}): a tiny warm-up pass that loads the kernels, then
 * the point with its peak memory above the baseline (see {@link MemoryProbe}).
 */
public final class AttentionBench {

    /** The length of the warm-up pass a fresh process makes before taking its memory baseline. */
    static final int WARMUP_LENGTH = 64;

    private AttentionBench() {}

    /** Times the point in this process; memory is not measured. An allocation failure is an error result. */
    public static PointResult measure(ComponentRegistry registry, PointSpec spec) {
        return time(registry, spec, Devices.select(spec.device()), null);
    }

    /**
     * What a fresh process does for one point: one pass of the same layer at a small length (loads
     * the engine's kernels and threads), the memory baseline, then the point.
     */
    public static PointResult measureFresh(ComponentRegistry registry, PointSpec spec) {
        Device device = Devices.select(spec.device());
        PointResult warm = time(registry, spec.with(Math.min(spec.n(), WARMUP_LENGTH), 0, 1), device, null);
        if (!warm.ok()) {
            return warm;
        }
        return time(registry, spec, device, MemoryProbe.forDevice(device));
    }

    /** How memory is measured on {@code device}, in words. */
    public static String memoryMethod(Device device) {
        return MemoryProbe.describe(device);
    }

    private static PointResult time(ComponentRegistry registry, PointSpec spec, Device device, MemoryProbe memory) {
        boolean measuring = memory != null && memory.start();
        AttentionConfig config = registry.json().mapper().convertValue(spec.attention(), AttentionConfig.class);
        Block block = registry.create(config, new AttentionSetup(spec.dModel(), spec.heads(), false));
        Shape shape = new Shape(spec.batch(), spec.n(), spec.dModel());
        double[] times = new double[spec.repeats()];
        try (NDManager manager = NDManager.newBaseManager(device)) {
            Engine.getInstance().setRandomSeed(1);
            block.initialize(manager, DataType.FLOAT32, shape, shape);
            ParameterStore parameters = new ParameterStore(manager, false);
            List<Parameter> trainable = block.getParameters().values().stream()
                    .filter(Parameter::requiresGradient).toList();
            for (int pass = 0; pass < spec.warmup() + spec.repeats(); pass++) {
                try (NDManager scope = manager.newSubManager()) {
                    NDArray x = scope.randomNormal(shape);
                    finish(device, x);
                    long start = System.nanoTime();
                    NDArray y;
                    try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                        y = block.forward(parameters, AttentionInputs.of(x, x, null), true).head();
                        collector.backward(y.sum());
                    }
                    finish(device, trainable.isEmpty() ? y : gradient(trainable.get(0), scope));
                    double ms = (System.nanoTime() - start) / 1e6;
                    if (pass >= spec.warmup()) {
                        times[pass - spec.warmup()] = ms;
                    }
                }
            }
        } catch (RuntimeException | OutOfMemoryError e) {
            String oom = OutOfMemory.describe(e);
            if (oom == null) {
                throw e;
            }
            return PointResult.error(PointResult.Outcome.OUT_OF_MEMORY, oom);
        }
        List<Double> repeats = new ArrayList<>();
        Arrays.stream(times).forEach(repeats::add);
        return PointResult.measured(median(times), measuring ? memory.peakAboveBaseline() : null, repeats);
    }

    /** The gradient of {@code p}: a new handle, closed with {@code scope} (the gradient itself lives on). */
    private static NDArray gradient(Parameter p, NDManager scope) {
        NDArray g = p.getArray().getGradient();
        g.attach(scope);
        return g;
    }

    /**
     * Waits for the device: on a GPU, reading one number of {@code a} waits for every kernel queued
     * before it on the stream. The CPU computes synchronously.
     */
    private static void finish(Device device, NDArray a) {
        if (device.isGpu()) {
            try (NDArray one = a.flatten().get(0)) {
                one.toFloatArray();
            }
        }
    }

    static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int m = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[m] : (sorted[m - 1] + sorted[m]) / 2;
    }
}
