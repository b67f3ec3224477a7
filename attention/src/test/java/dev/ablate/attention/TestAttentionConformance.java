package dev.ablate.attention;

import dev.ablate.attention.additive.AdditiveConfig;
import dev.ablate.attention.full.FullConfig;
import dev.ablate.attention.restricted.RestrictedConfig;
import dev.ablate.testkit.AttentionConformance;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.TestFactory;

/** The conformance kit over every registered attention plugin, and over the configs that change its code path. */
final class TestAttentionConformance {

    @TestFactory
    Stream<DynamicNode> everyRegisteredPluginWithDefaults() {
        return AttentionConformance.forEveryPlugin();
    }

    @TestFactory
    Stream<DynamicNode> configsThatChangeTheComputation() {
        return Stream.of(
                DynamicContainer.dynamicContainer("full, unscaled, with dropout",
                        AttentionConformance.of(BuiltinAttention.FULL, new FullConfig(false, 0.1))),
                // Windows of 1, 2 and 3 over 7 positions: several chunks, a ragged last chunk.
                DynamicContainer.dynamicContainer("restricted, window 1",
                        AttentionConformance.of(BuiltinAttention.RESTRICTED, new RestrictedConfig(1))),
                DynamicContainer.dynamicContainer("restricted, window 2",
                        AttentionConformance.of(BuiltinAttention.RESTRICTED, new RestrictedConfig(2))),
                DynamicContainer.dynamicContainer("restricted, window 3, with dropout",
                        AttentionConformance.of(BuiltinAttention.RESTRICTED, new RestrictedConfig(3, 0.1))),
                DynamicContainer.dynamicContainer("additive, 3 queries per chunk, with dropout",
                        AttentionConformance.of(BuiltinAttention.ADDITIVE, new AdditiveConfig(3, 0.1))));
    }
}
