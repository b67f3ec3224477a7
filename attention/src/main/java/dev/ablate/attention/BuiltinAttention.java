package dev.ablate.attention;

import dev.ablate.attention.additive.AdditiveAttention;
import dev.ablate.attention.full.FullAttention;
import dev.ablate.attention.restricted.RestrictedAttention;
import dev.ablate.core.spi.AblatePlugin;
import dev.ablate.core.spi.AttentionDescriptor;
import java.util.List;

/** The attention mechanisms Ablate ships with. */
public final class BuiltinAttention implements AblatePlugin {

    @Override
    public List<AttentionDescriptor<?>> attention() {
        return List.of(new FullAttention(), new RestrictedAttention(), new AdditiveAttention());
    }
}
