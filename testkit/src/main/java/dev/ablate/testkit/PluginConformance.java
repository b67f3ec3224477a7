package dev.ablate.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.DynamicContainer.dynamicContainer;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import dev.ablate.core.config.ConfigException;
import dev.ablate.core.registry.ComponentRegistry;
import dev.ablate.core.spi.AblatePlugin;
import dev.ablate.core.spi.AttentionConfig;
import dev.ablate.core.spi.AttentionDescriptor;
import dev.ablate.core.spi.ComplexityModel;
import dev.ablate.core.spi.ComponentConfig;
import dev.ablate.core.spi.ComponentDescriptor;
import dev.ablate.core.spi.ProblemSize;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicNode;

/**
 * Everything Ablate checks of a plugin, as one test factory. A plugin author's whole test class:
 *
 * <pre>{@code
 * class TestMyPlugin {
 *     @TestFactory
 *     Stream<DynamicNode> conformance() {
 *         return PluginConformance.of(new MyPlugin());
 *     }
 * }
 * }</pre>
 *
 * <p>For the plugin: ServiceLoader finds it through {@code META-INF/services}, and Ablate registers
 * it (kebab-case ids, config types of the right kind, configs Jackson may read). For each
 * component: its default config reads from {@code {"type": id}}, survives a JSON round trip and
 * refuses unknown fields. For each attention: a sane complexity model (the Table 1 columns, and
 * positive, finite counts that do not shrink as n grows). Then every check of its kind's kit with
 * the default config: {@link AttentionConformance}, {@link PositionalConformance} or {@link
 * NormConformance}. Use their {@code of} methods as well for configs that take another code path.
 */
public final class PluginConformance {

    /** Growing lengths at a fixed width, for the complexity model's checks. */
    private static final List<ProblemSize> SIZES =
            List.of(new ProblemSize(16, 64, 4), new ProblemSize(256, 64, 4), new ProblemSize(4096, 64, 4));

    private PluginConformance() {}

    public static Stream<DynamicNode> of(AblatePlugin plugin) {
        List<DynamicNode> nodes = new ArrayList<>();
        nodes.add(dynamicTest("ServiceLoader finds the plugin through META-INF/services", () -> foundByServiceLoader(plugin)));
        nodes.add(dynamicTest("Ablate registers every component", () -> registry(plugin)));
        List<ComponentDescriptor<?>> descriptors = new ArrayList<>(plugin.attention());
        descriptors.addAll(plugin.positional());
        descriptors.addAll(plugin.norm());
        assertThat(descriptors).as("the plugin's components").isNotEmpty();
        for (ComponentDescriptor<?> d : descriptors) {
            List<DynamicNode> checks = new ArrayList<>();
            checks.add(dynamicTest("the default config reads from {\"type\": \"" + d.id() + "\"} and round-trips",
                    () -> defaultConfigRoundTrips(plugin, d)));
            checks.add(dynamicTest("its config refuses unknown fields", () -> unknownFieldsAreRefused(plugin, d)));
            ComponentRegistry registry = registry(plugin);
            Stream<DynamicNode> kit = switch (d.kind()) {
                case ATTENTION -> AttentionConformance.forEveryPlugin(registry);
                case POSITIONAL -> PositionalConformance.forEveryPlugin(registry);
                case NORM -> NormConformance.forEveryPlugin(registry);
            };
            if (d instanceof AttentionDescriptor<?> a) {
                checks.add(dynamicTest("the complexity model is sane", () -> complexityIsSane(plugin, a)));
            }
            checks.add(dynamicContainer(d.kind().label() + " conformance with the default config",
                    kit.filter(node -> node.getDisplayName().equals(d.id()))));
            nodes.add(dynamicContainer(d.kind().label() + " " + d.id(), checks));
        }
        return nodes.stream();
    }

    private static void foundByServiceLoader(AblatePlugin plugin) {
        List<String> found = ServiceLoader.load(AblatePlugin.class, plugin.getClass().getClassLoader()).stream()
                .map(provider -> provider.type().getName())
                .toList();
        assertThat(found).as("plugins ServiceLoader finds; add META-INF/services/" + AblatePlugin.class.getName()
                + " naming " + plugin.getClass().getName()).contains(plugin.getClass().getName());
    }

    private static ComponentRegistry registry(AblatePlugin plugin) {
        return PluginConfigs.of(plugin).registry();
    }

    private static void defaultConfigRoundTrips(AblatePlugin plugin, ComponentDescriptor<?> d) throws Exception {
        ComponentRegistry registry = registry(plugin);
        ComponentConfig defaults = registry.defaultConfig(d.kind(), d.id());
        assertThat(defaults).isInstanceOf(d.configType());
        String json = registry.json().mapper().writeValueAsString(defaults);
        assertThat(json).as("written config").contains("\"type\":\"" + d.id() + "\"");
        assertThat(registry.json().read("round trip", json, d.kind().configBase())).isEqualTo(defaults);
    }

    private static void unknownFieldsAreRefused(AblatePlugin plugin, ComponentDescriptor<?> d) {
        ComponentRegistry registry = registry(plugin);
        String json = "{\"type\": \"" + d.id() + "\", \"noSuchField\": 1}";
        assertThatThrownBy(() -> registry.json().read("test", json, d.kind().configBase()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("noSuchField");
    }

    private static void complexityIsSane(AblatePlugin plugin, AttentionDescriptor<?> d) {
        ComponentRegistry registry = registry(plugin);
        AttentionConfig defaults = (AttentionConfig) registry.defaultConfig(d.kind(), d.id());
        ComplexityModel model = ComponentRegistry.complexity(d, defaults);
        assertThat(List.of(model.perLayer(), model.sequentialOperations(), model.maximumPathLength()))
                .as("Table 1 columns").allSatisfy(column -> assertThat(column).isNotBlank());
        double previousFlops = 0;
        double previousBytes = 0;
        for (ProblemSize size : SIZES) {
            double flops = model.flops(size);
            double bytes = model.activationBytes(size);
            assertThat(flops).as("flops at %s", size).isFinite().isPositive().isGreaterThanOrEqualTo(previousFlops);
            assertThat(bytes).as("activation bytes at %s", size).isFinite().isPositive()
                    .isGreaterThanOrEqualTo(previousBytes);
            previousFlops = flops;
            previousBytes = bytes;
        }
    }
}
