package dev.ablate.examples.linear;

import dev.ablate.core.spi.AblatePlugin;
import dev.ablate.core.spi.AttentionDescriptor;
import java.util.List;

/** The plugin: one attention mechanism, {@code linear}. */
public final class LinearAttentionPlugin implements AblatePlugin {

    @Override
    public List<AttentionDescriptor<?>> attention() {
        return List.of(LinearAttention.DESCRIPTOR);
    }
}
