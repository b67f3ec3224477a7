package dev.ablate.core.spi;

import ai.djl.nn.Block;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * A positional encoding. Its block receives the token embeddings, already scaled by √dModel,
 * {@code [batch, length, dModel]}, and returns them with position information added, same shape.
 *
 * @param <C> the config record
 */
public interface PositionalDescriptor<C extends PositionalConfig> extends ComponentDescriptor<C> {

    @Override
    default ComponentKind kind() {
        return ComponentKind.POSITIONAL;
    }

    PositionalCapabilities capabilities(C config);

    /** A new, uninitialized DJL block. */
    Block create(C config, int dModel);

    /** A descriptor from its parts, for a plugin that needs no class of its own. */
    static <C extends PositionalConfig> PositionalDescriptor<C> of(String id, Class<C> configType, String summary,
            Function<C, PositionalCapabilities> capabilities, BiFunction<C, Integer, Block> factory) {
        return new Described.Positional<>(id, configType, summary, capabilities, factory);
    }
}
