package dev.ablate.core.spi;

import ai.djl.nn.Block;
import dev.ablate.core.spi.tensor.PassThrough;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * A positional encoding. It acts on the embeddings, inside every self-attention, or both:
 *
 * <ul>
 *   <li>on the embeddings ({@link #create}): its block receives the token embeddings, already scaled
 *       by √dModel, {@code [batch, length, dModel]}, and returns them with position information
 *       added, same shape (sinusoidal, learned);
 *   <li>inside attention ({@link #insideAttention}): it rotates queries and keys, or biases the
 *       scores, of every self-attention (rotary, ALiBi, relative). Its capabilities say which, and
 *       a model whose attention cannot take it is refused, naming both plugins.
 * </ul>
 *
 * @param <C> the config record
 */
public interface PositionalDescriptor<C extends PositionalConfig> extends ComponentDescriptor<C> {

    @Override
    default ComponentKind kind() {
        return ComponentKind.POSITIONAL;
    }

    PositionalCapabilities capabilities(C config);

    /** A new, uninitialized DJL block for the embeddings; a pass-through for positions that act inside attention only. */
    Block create(C config, int dModel);

    /**
     * What it does inside one self-attention built for {@code setup} (whose own positions are
     * {@code null}), or {@code null} when it acts on the embeddings only. Called once per attention
     * layer, so learned tables are per layer.
     */
    default AttentionPositions insideAttention(C config, AttentionSetup setup) {
        return null;
    }

    /** What it adds to each self-attention layer's flops and activations (nothing, on the embeddings). */
    default Cost cost(C config) {
        return Cost.NONE;
    }

    /** A descriptor of positions on the embeddings, from its parts. */
    static <C extends PositionalConfig> PositionalDescriptor<C> of(String id, Class<C> configType, String summary,
            Function<C, PositionalCapabilities> capabilities, BiFunction<C, Integer, Block> factory) {
        return new Described.Positional<>(id, configType, summary, capabilities, factory,
                (config, setup) -> null, config -> Cost.NONE);
    }

    /** A descriptor of positions inside attention, from its parts; the embeddings pass through unchanged. */
    static <C extends PositionalConfig> PositionalDescriptor<C> insideAttention(String id, Class<C> configType,
            String summary, Function<C, PositionalCapabilities> capabilities, Function<C, Cost> cost,
            BiFunction<C, AttentionSetup, AttentionPositions> factory) {
        return new Described.Positional<>(id, configType, summary, capabilities,
                (config, dModel) -> new PassThrough(), factory, cost);
    }
}
