package dev.ablate.experiments.training;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import dev.ablate.core.config.ConfigJson;
import dev.ablate.core.device.Devices;
import dev.ablate.core.model.ModelConfig;
import dev.ablate.core.model.TaskShape;
import dev.ablate.models.transformer.TransformerFactory;
import dev.ablate.models.transformer.TransformerModel;

/**
 * Proves the engine works on a device: loads the PyTorch natives, builds a tiny encoder-decoder
 * from the registry, runs forward and backward, and reports how long that took.
 */
public final class EngineCheck {

    /**
     * @param engine the engine's name and version, e.g. {@code PyTorch 2.7.1}
     * @param device where the check ran
     * @param gpus GPUs the engine sees
     * @param parameters the tiny model's parameter count
     * @param milliseconds one forward and backward pass, after a warm-up pass
     * @param loss the (untrained) loss, finite when the check passed
     */
    public record Result(String engine, String device, int gpus, long parameters, double milliseconds, float loss) {}

    private static final String TINY_MODEL = """
            {"family": "encoder-decoder", "layers": 1, "dModel": 16, "heads": 2, "dFF": 32, "dropout": 0.1}""";

    private EngineCheck() {}

    public static Result run(TransformerFactory factory, ConfigJson json, Device device) {
        Engine engine = Engine.getInstance();
        try (NDManager manager = NDManager.newBaseManager(device)) {
            engine.setRandomSeed(1);
            TransformerModel model = factory.build(json.read("engine check", TINY_MODEL, ModelConfig.class),
                    TaskShape.sequenceToSequence(12, 12, 8, 8, 0));
            model.initialize(manager);
            NDArray source = manager.randomInteger(1, 12, new Shape(4, 8), DataType.INT32);
            NDArray target = manager.randomInteger(1, 12, new Shape(4, 8), DataType.INT32);
            ParameterStore ps = new ParameterStore(manager, false);
            float loss = step(model, ps, source, target);
            long start = System.nanoTime();
            loss = step(model, ps, source, target);
            double milliseconds = (System.nanoTime() - start) / 1e6;
            return new Result(engine.getEngineName() + " " + engine.getVersion(), Devices.describe(device),
                    engine.getGpuCount(), model.parameterCount(), milliseconds, loss);
        }
    }

    private static float step(TransformerModel model, ParameterStore ps, NDArray source, NDArray target) {
        try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
            NDArray logits = model.forward(ps, new NDList(source, target), true).head();
            NDArray loss = logits.logSoftmax(-1).neg().mean();
            collector.backward(loss);
            return loss.getFloat();
        }
    }
}
