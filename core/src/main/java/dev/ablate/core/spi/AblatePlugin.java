package dev.ablate.core.spi;

import java.util.List;

/**
 * The one service a plugin JAR provides (through {@code provides} in its module-info and a
 * {@code META-INF/services/dev.ablate.core.spi.AblatePlugin} line for class-path use).
 *
 * <p>Every method has a default returning nothing, so a plugin overrides only the kinds of
 * component it brings. Ablate registers each descriptor under its id; two descriptors of the same
 * kind with the same id stop start-up with both providers named.
 */
public interface AblatePlugin {

    /** Attention mechanisms, used for self-attention and (where capable) cross-attention. */
    default List<AttentionDescriptor<?>> attention() {
        return List.of();
    }

    /** Positional encodings, added to the scaled token embeddings. */
    default List<PositionalDescriptor<?>> positional() {
        return List.of();
    }

    /** Normalizations, placed around each sub-layer as the model's {@code normPlacement} says. */
    default List<NormDescriptor<?>> norm() {
        return List.of();
    }
}
