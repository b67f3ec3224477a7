package dev.ablate.core.spi;

import ai.djl.nn.Block;
import dev.ablate.core.spi.tensor.MultiHeadAttention;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * An attention mechanism. Most plugins are a kernel ({@link AttentionKernel}) made a descriptor
 * with {@link #kernel}: Ablate's multi-head block does the projections and heads around it. A
 * plugin that wants the whole block implements {@link #create} itself (or uses {@link #of}).
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
 *   <li>it applies {@link AttentionSetup#positions()} when its capabilities say it can (rotary
 *       positions: {@link AttentionCapabilities#rotatedQueryKey()}; a score bias: {@link
 *       AttentionCapabilities#scoreBias()}); Ablate never gives it positions it cannot take.
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

    /** The paper's Table 1 row for this attention with the given config, projections included. */
    ComplexityModel complexity(C config);

    /** A new, uninitialized DJL block for the given config and model dimensions. */
    Block create(C config, AttentionSetup setup);

    /**
     * A kernel plugin: {@code create} wraps the kernel in Ablate's {@link MultiHeadAttention}, and
     * {@code complexity} adds that block's projections to the kernel's own counts.
     *
     * @param kernelComplexity the Table 1 row, with counts of the kernel alone (scores, weights,
     *     context; not the projections)
     */
    static <C extends AttentionConfig> AttentionDescriptor<C> kernel(String id, Class<C> configType, String summary,
            Function<C, AttentionCapabilities> capabilities, Function<C, ComplexityModel> kernelComplexity,
            BiFunction<C, AttentionSetup, AttentionKernel> kernel) {
        return new Described.Attention<>(id, configType, summary, capabilities,
                config -> kernelComplexity.apply(config).plus(MultiHeadAttention.PROJECTIONS),
                (config, setup) -> new MultiHeadAttention(setup, kernel.apply(config, setup)));
    }

    /**
     * A whole-block descriptor from its parts, for a plugin that needs no class of its own:
     * {@code AttentionDescriptor.of("full", FullConfig.class, "...", c -> capabilities, c -> complexity, FullBlock::new)}.
     */
    static <C extends AttentionConfig> AttentionDescriptor<C> of(String id, Class<C> configType, String summary,
            Function<C, AttentionCapabilities> capabilities, Function<C, ComplexityModel> complexity,
            BiFunction<C, AttentionSetup, Block> factory) {
        return new Described.Attention<>(id, configType, summary, capabilities, complexity, factory);
    }
}
