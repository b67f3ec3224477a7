package dev.ablate.attention;

import dev.ablate.testkit.PluginConformance;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.TestFactory;

/** The built-in attention plugin through the same kit a third-party plugin author runs. */
final class TestBuiltinAttentionPlugin {

    @TestFactory
    Stream<DynamicNode> conformance() {
        return PluginConformance.of(new BuiltinAttention());
    }
}
