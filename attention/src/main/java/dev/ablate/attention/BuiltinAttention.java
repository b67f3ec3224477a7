package dev.ablate.attention;

import dev.ablate.attention.additive.AdditiveConfig;
import dev.ablate.attention.additive.AdditiveKernel;
import dev.ablate.attention.full.FullConfig;
import dev.ablate.attention.full.FullKernel;
import dev.ablate.attention.restricted.RestrictedConfig;
import dev.ablate.attention.restricted.RestrictedKernel;
import dev.ablate.core.spi.AblatePlugin;
import dev.ablate.core.spi.AttentionCapabilities;
import dev.ablate.core.spi.AttentionDescriptor;
import java.util.List;

/**
 * The attention kernels Ablate ships with; each variant's config and kernel live in a package of
 * its own, and Ablate's multi-head block does the projections around them.
 */
public final class BuiltinAttention implements AblatePlugin {

    /** Every query scores every key with a dot product: causal, padded, across sequences, any positions. */
    private static final AttentionCapabilities DOT_PRODUCT = new AttentionCapabilities(true, true, true, true, true);

    public static final AttentionDescriptor<FullConfig> FULL = AttentionDescriptor.kernel("full", FullConfig.class,
            "multi-head scaled dot-product attention, softmax(QKᵀ/√d_k)V (Vaswani et al. 2017)",
            config -> DOT_PRODUCT, config -> FullKernel.complexity(), (config, setup) -> new FullKernel(config));

    /** A window over positions has no meaning between two sequences: no cross-attention. */
    public static final AttentionDescriptor<RestrictedConfig> RESTRICTED = AttentionDescriptor.kernel("restricted",
            RestrictedConfig.class,
            "self-attention restricted to keys within distance r of each query; O(r·n·d) time and memory",
            config -> new AttentionCapabilities(true, true, false, true, true),
            config -> RestrictedKernel.complexity(config.window()), (config, setup) -> new RestrictedKernel(config));

    /**
     * Its scores come from tanh(q + k), not a dot product, so rotating q and k does not make them
     * relative (Su et al. 2021's argument needs qᵀk); a score bias it takes.
     */
    public static final AttentionDescriptor<AdditiveConfig> ADDITIVE = AttentionDescriptor.kernel("additive",
            AdditiveConfig.class,
            "multi-head additive attention, vᵀ·tanh(W_q·q + W_k·k) (Bahdanau et al. 2015), queries in chunks",
            config -> new AttentionCapabilities(true, true, true, false, true), config -> AdditiveKernel.complexity(),
            AdditiveKernel::new);

    @Override
    public List<AttentionDescriptor<?>> attention() {
        return List.of(FULL, RESTRICTED, ADDITIVE);
    }
}
