package dev.ablate.models;

import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import dev.ablate.core.model.ModelConfig;
import dev.ablate.core.registry.ComponentRegistry;
import dev.ablate.core.spi.NormConfig;
import java.util.Random;

/** The registry of the plugins on the test class path (built-in attention, positions and norms), and config readers. */
public final class ModelFixtures {

    public static final ComponentRegistry REGISTRY = ComponentRegistry.discover(ModelFixtures.class.getClassLoader());

    private ModelFixtures() {}

    public static ModelConfig model(String json) {
        return REGISTRY.json().read("test model", json, ModelConfig.class);
    }

    public static NormConfig norm(String json) {
        return REGISTRY.json().read("test norm", json, NormConfig.class);
    }

    /** Replaces a parameter's values with N(mean, 0.5²) draws, so a formula test does not pass on γ = 1, β = 0 alone. */
    public static void randomize(Block block, String parameter, double mean, long seed) {
        Parameter p = block.getParameters().get(parameter);
        Random random = new Random(seed);
        float[] values = new float[(int) p.getShape().size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) (mean + 0.5 * random.nextGaussian());
        }
        p.getArray().set(values);
    }
}
