package dev.ablate.models;

import dev.ablate.testkit.AttentionConformance;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.TestFactory;

/**
 * The attention kit over the registry as a model sees it: every attention plugin (the built-ins,
 * on this module's test class path) alone and with every positional plugin it accepts inside it.
 */
final class TestKernelsWithPositions {

    @TestFactory
    Stream<DynamicNode> everyKernelWithEveryPositionItAccepts() {
        return AttentionConformance.forEveryPlugin();
    }
}
