package dev.ablate.examples.linear;

import dev.ablate.testkit.AttentionConformance;
import dev.ablate.testkit.PluginConformance;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Ablate's kit on this plugin: registration, config rules, the complexity model, and the attention
 * conformance checks (shapes, causal leakage, padding, batch independence, gradients, determinism,
 * numerical sanity).
 */
final class TestLinearAttentionPlugin {

    @TestFactory
    Stream<DynamicNode> conformance() {
        return PluginConformance.of(new LinearAttentionPlugin());
    }

    /** An eps large enough to change every output, so the kit also sees that code path matter. */
    @TestFactory
    Stream<DynamicTest> conformanceWithLargeEps() {
        return AttentionConformance.of(LinearAttention.DESCRIPTOR, new LinearConfig(0.5));
    }
}
