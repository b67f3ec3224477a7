package dev.ablate.core.spi;

import ai.djl.nn.Block;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * An attention mechanism.
 *
 * <p>The block {@link #create} returns follows one contract, checked for every registered plugin
 * by the conformance kit:
 *
 * <ul>
 *   <li>inputs, in this order: {@code query} {@code [batch, queryLength, dModel]}; {@code keyValue}
 *       {@code [batch, keyLength, dModel]} (the same array as {@code query} for self-attention, the
 *       encoder output for cross-attention); optionally {@code keyMask} {@code [batch, keyLength]}
 *       boolean, {@code true} for real tokens and {@code false} for padding. See {@link
 *       AttentionInputs}.
 *   <li>output: one array {@code [batch, queryLength, dModel]}.
 *   <li>a padded key never influences any output; under {@link AttentionSetup#causal()} query
 *       {@code i} never sees key {@code j > i}.
 *   <li>the block owns its projections (Q, K, V, output), so it can be dropped in place of another.
 * </ul>
 *
 * @param <C> the config record
 */
public interface AttentionDescriptor<C extends AttentionConfig> extends ComponentDescriptor<C> {

    @Override
    default ComponentKind kind() {
        return ComponentKind.ATTENTION;
    }

    /** What this attention supports with the given config; checked when a model is built. */
    AttentionCapabilities capabilities(C config);

    /** The paper's Table 1 row for this attention with the given config. */
    ComplexityModel complexity(C config);

    /** A new, uninitialized DJL block for the given config and model dimensions. */
    Block create(C config, AttentionSetup setup);

    /**
     * A descriptor from its parts, for a plugin that needs no class of its own:
     * {@code AttentionDescriptor.of("full", FullConfig.class, "...", c -> capabilities, c -> complexity, FullBlock::new)}.
     */
    static <C extends AttentionConfig> AttentionDescriptor<C> of(String id, Class<C> configType, String summary,
            Function<C, AttentionCapabilities> capabilities, Function<C, ComplexityModel> complexity,
            BiFunction<C, AttentionSetup, Block> factory) {
        return new Described.Attention<>(id, configType, summary, capabilities, complexity, factory);
    }
}
