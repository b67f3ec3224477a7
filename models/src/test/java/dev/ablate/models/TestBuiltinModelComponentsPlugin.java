package dev.ablate.models;

import dev.ablate.testkit.PluginConformance;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.TestFactory;

/** The built-in positional and norm plugins through the kit a third-party plugin author runs. */
final class TestBuiltinModelComponentsPlugin {

    @TestFactory
    Stream<DynamicNode> conformance() {
        return PluginConformance.of(new BuiltinModelComponents());
    }
}
