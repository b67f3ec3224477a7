package dev.ablate.core.spi;

import ai.djl.nn.Block;

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
}
