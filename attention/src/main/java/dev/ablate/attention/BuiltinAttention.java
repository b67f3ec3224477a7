package dev.ablate.attention;

import dev.ablate.attention.additive.AdditiveAttentionBlock;
import dev.ablate.attention.additive.AdditiveConfig;
import dev.ablate.attention.full.FullAttentionBlock;
import dev.ablate.attention.full.FullConfig;
import dev.ablate.attention.restricted.RestrictedAttentionBlock;
import dev.ablate.attention.restricted.RestrictedConfig;
import dev.ablate.core.spi.AblatePlugin;
import dev.ablate.core.spi.AttentionCapabilities;
import dev.ablate.core.spi.AttentionDescriptor;
import java.util.List;

/** The attention mechanisms Ablate ships with; each variant's config and block live in a package of its own. */
public final class BuiltinAttention implements AblatePlugin {

    /** Every query scores every key: causal, padded and across sequences. */
    private static final AttentionCapabilities ANY = new AttentionCapabilities(true, true, true);

    public static final AttentionDescriptor<FullConfig> FULL = AttentionDescriptor.of("full", FullConfig.class,
            "multi-head scaled dot-product attention, softmax(QKᵀ/√d_k)V (Vaswani et al. 2017)",
            config -> ANY, config -> FullAttentionBlock.complexity(), FullAttentionBlock::new);

    /** A window over positions has no meaning between two sequences: no cross-attention. */
    public static final AttentionDescriptor<RestrictedConfig> RESTRICTED = AttentionDescriptor.of("restricted",
            RestrictedConfig.class,
            "self-attention restricted to keys within distance r of each query; O(r·n·d) time and memory",
            config -> new AttentionCapabilities(true, true, false),
            config -> RestrictedAttentionBlock.complexity(config.window()), RestrictedAttentionBlock::new);

    public static final AttentionDescriptor<AdditiveConfig> ADDITIVE = AttentionDescriptor.of("additive",
            AdditiveConfig.class,
            "multi-head additive attention, vᵀ·tanh(W_q·q + W_k·k) (Bahdanau et al. 2015), queries in chunks",
            config -> ANY, config -> AdditiveAttentionBlock.complexity(), AdditiveAttentionBlock::new);

    @Override
    public List<AttentionDescriptor<?>> attention() {
        return List.of(FULL, RESTRICTED, ADDITIVE);
    }
}
