package dev.ablate.core.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.google.inject.Guice;
import com.google.inject.Key;
import com.google.inject.Stage;
import com.google.inject.TypeLiteral;
import dev.ablate.core.config.ConfigException;
import dev.ablate.core.spi.AblatePlugin;
import dev.ablate.core.spi.AttentionCapabilities;
import dev.ablate.core.spi.AttentionConfig;
import dev.ablate.core.spi.AttentionDescriptor;
import dev.ablate.core.spi.ComplexityModel;
import dev.ablate.core.spi.ComponentKind;
import dev.ablate.core.spi.ConfigCheck;
import dev.ablate.core.spi.NormCapabilities;
import dev.ablate.core.spi.NormConfig;
import dev.ablate.core.spi.NormDescriptor;
import dev.ablate.core.spi.ProblemSize;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.junit.jupiter.api.Test;

/** Registration: from plugin descriptors to Guice bindings and Jackson subtypes, and the failures on the way. */
final class TestPluginRegistry {

    record SketchConfig(@JsonPropertyDescription("how many") Integer size) implements AttentionConfig {
        SketchConfig {
            size = ConfigCheck.atLeast("size", Objects.requireNonNullElse(size, 3), 1);
        }
    }

    record OtherConfig() implements AttentionConfig {}

    record SketchNormConfig() implements NormConfig {}

    /** An attention descriptor whose id and config type a test chooses; it never builds a block. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    static AttentionDescriptor<AttentionConfig> sketch(String id, Class<? extends AttentionConfig> type) {
        return AttentionDescriptor.of(id, (Class) type, "a sketch", config -> new AttentionCapabilities(true, true, false),
                config -> ComplexityModel.of("O(n·d)", "O(1)", "O(n)", s -> s.n() * s.d(), s -> 4.0 * s.n() * s.d()),
                (config, setup) -> {
                    throw new UnsupportedOperationException("not built in these tests");
                });
    }

    static NormDescriptor<SketchNormConfig> sketchNorm(String id) {
        return NormDescriptor.of(id, SketchNormConfig.class, "a sketch norm", config -> NormCapabilities.perPosition(),
                (config, dModel) -> {
                    throw new UnsupportedOperationException("not built in these tests");
                });
    }

    private static PluginSource source(String origin, AttentionDescriptor<?>... attention) {
        return new PluginSource(new AblatePlugin() {
            @Override
            public List<AttentionDescriptor<?>> attention() {
                return List.of(attention);
            }
        }, origin);
    }

    private static ComponentRegistry registry(PluginSource... sources) {
        return Guice.createInjector(Stage.PRODUCTION, new PluginModule(List.of(sources))).getInstance(ComponentRegistry.class);
    }

    @Test
    void aDuplicateIdNamesBothProviders() {
        assertThatThrownBy(() -> new PluginModule(List.of(
                source("first.jar", sketch("sketch", SketchConfig.class)),
                source("second.jar", sketch("sketch", OtherConfig.class)))))
                .isInstanceOf(PluginLoadException.class)
                .hasMessage("attention plugin id 'sketch' is provided twice: by first.jar and by second.jar. "
                        + "Remove one of them from the plugin path.");
    }

    @Test
    void theSameIdInTwoKindsIsFine() {
        PluginSource norms = new PluginSource(new AblatePlugin() {
            @Override
            public List<NormDescriptor<?>> norm() {
                return List.of(sketchNorm("sketch"));
            }
        }, "norms.jar");
        AttentionDescriptor<AttentionConfig> sketch = sketch("sketch", SketchConfig.class);
        ComponentRegistry registry = registry(source("a.jar", sketch), norms);
        assertThat(registry.get(ComponentKind.ATTENTION, "sketch")).isSameAs(sketch);
        assertThat(registry.get(ComponentKind.NORM, "sketch").configType()).isEqualTo(SketchNormConfig.class);
    }

    @Test
    void malformedDescriptorsStopStartUp() {
        assertThatThrownBy(() -> new PluginModule(List.of(source("a.jar", sketch("Sketch_Two", SketchConfig.class)))))
                .isInstanceOf(PluginLoadException.class)
                .hasMessageContaining("attention plugin id 'Sketch_Two' from a.jar is not kebab-case");
        @SuppressWarnings({"unchecked", "rawtypes"})
        Class<? extends AttentionConfig> notAnAttentionConfig = (Class) SketchNormConfig.class;
        assertThatThrownBy(() -> new PluginModule(List.of(source("b.jar", sketch("sketch", notAnAttentionConfig)))))
                .isInstanceOf(PluginLoadException.class)
                .hasMessageContaining("must name a config type implementing dev.ablate.core.spi.AttentionConfig");
    }

    @Test
    void descriptorsAreBoundInAGuiceMapBinderPerKind() {
        var injector = Guice.createInjector(Stage.PRODUCTION, new PluginModule(List.of(
                source("a.jar", sketch("sketch", SketchConfig.class), sketch("other", OtherConfig.class)))));
        Map<String, AttentionDescriptor<?>> attention =
                injector.getInstance(Key.get(new TypeLiteral<Map<String, AttentionDescriptor<?>>>() {}));
        assertThat(attention).containsOnlyKeys("sketch", "other");
        assertThat(injector.getInstance(Key.get(new TypeLiteral<Map<String, NormDescriptor<?>>>() {}))).isEmpty();
    }

    @Test
    void eachConfigTypeIsAJacksonSubtypeNamedByItsId() {
        ComponentRegistry registry = registry(source("a.jar", sketch("sketch", SketchConfig.class),
                sketch("other", OtherConfig.class)));
        AttentionConfig read = registry.json().read("t", "{\"type\": \"sketch\", \"size\": 5}", AttentionConfig.class);
        assertThat(read).isEqualTo(new SketchConfig(5));
        assertThat(registry.idOf(read)).isEqualTo("sketch");
        assertThat(registry.defaultConfig(ComponentKind.ATTENTION, "sketch")).isEqualTo(new SketchConfig(3));
        assertThat(registry.json().mapper().valueToTree(new SketchConfig(4)).toString())
                .isEqualTo("{\"type\":\"sketch\",\"size\":4}");
        assertThatThrownBy(() -> registry.json().read("t", "{\"type\": \"sketchy\"}", AttentionConfig.class))
                .isInstanceOf(ConfigException.class)
                .hasMessage("t:1:10: unknown attention type 'sketchy'; known: other, sketch. Did you mean 'sketch'?");
        assertThatThrownBy(() -> registry.json().read("t", "{\"type\": \"sketch\", \"size\": 0}", AttentionConfig.class))
                .isInstanceOf(ConfigException.class)
                .hasMessageEndingWith("size: must be >= 1 (got 0)");
    }

    @Test
    void unknownIdsListTheKnownOnesWithASuggestion() {
        ComponentRegistry registry = registry(source("a.jar", sketch("sketch", SketchConfig.class)));
        assertThatThrownBy(() -> registry.get(ComponentKind.ATTENTION, "skech"))
                .isInstanceOf(UnknownPluginException.class)
                .hasMessage("unknown attention plugin 'skech'; known attention plugins: sketch. Did you mean 'sketch'?");
        assertThatThrownBy(() -> registry.get(ComponentKind.NORM, "layer"))
                .hasMessage("unknown norm plugin 'layer'; known norm plugins: . If it comes from a plugin JAR, load it: "
                        + "put the JAR in plugins/, or pass --plugins DIR (ablate plugins lists what is loaded).");
    }

    @Test
    void describesParametersCapabilitiesAndComplexity() {
        ComponentRegistry registry = registry(source("a.jar", sketch("sketch", SketchConfig.class)));
        ComponentInfo info = ComponentInfo.describe(registry, registry.get(ComponentKind.ATTENTION, "sketch"),
                new ProblemSize(10, 4, 2));
        assertThat(info.parameters()).containsOnlyKeys("size");
        assertThat(info.parameters().get("size").type()).isEqualTo("integer");
        assertThat(info.parameters().get("size").defaultValue().asInt()).isEqualTo(3);
        assertThat(info.parameters().get("size").description()).isEqualTo("how many");
        assertThat(info.capabilities()).isEqualTo(new AttentionCapabilities(true, true, false));
        assertThat(info.complexity().flops()).isEqualTo(40);
        assertThat(info.complexity().activationBytes()).isEqualTo(160);
    }

    @Test
    void theCoreAloneProvidesNoPlugins() {
        assertThat(PluginSource.discover(getClass().getClassLoader())).isEmpty();
    }
}
