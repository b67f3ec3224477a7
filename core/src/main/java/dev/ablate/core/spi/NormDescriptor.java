package dev.ablate.core.spi;

import ai.djl.nn.Block;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * A normalization. Its block receives {@code x} {@code [batch, length, dModel]} and optionally a
 * mask {@code [batch, length]} (boolean, {@code true} for real tokens), and returns the normalized
 * {@code x}, same shape. Norms that compute statistics across positions use the mask to leave
 * padding out.
 *
 * @param <C> the config record
 */
public interface NormDescriptor<C extends NormConfig> extends ComponentDescriptor<C> {

    @Override
    default ComponentKind kind() {
        return ComponentKind.NORM;
    }

    NormCapabilities capabilities(C config);

    /** A new, uninitialized DJL block. */
    Block create(C config, int dModel);

    /** A descriptor from its parts, for a plugin that needs no class of its own. */
    static <C extends NormConfig> NormDescriptor<C> of(String id, Class<C> configType, String summary,
            Function<C, NormCapabilities> capabilities, BiFunction<C, Integer, Block> factory) {
        return new Described.Norm<>(id, configType, summary, capabilities, factory);
    }
}
