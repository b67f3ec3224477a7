package dev.ablate.core.registry;

import ai.djl.nn.Block;
import com.google.inject.Guice;
import com.google.inject.Stage;
import dev.ablate.core.config.ConfigJson;
import dev.ablate.core.model.ModelConfig;
import dev.ablate.core.spi.AttentionCapabilities;
import dev.ablate.core.spi.AttentionConfig;
import dev.ablate.core.spi.AttentionDescriptor;
import dev.ablate.core.spi.AttentionPositions;
import dev.ablate.core.spi.AttentionSetup;
import dev.ablate.core.spi.ComplexityModel;
import dev.ablate.core.spi.ComponentConfig;
import dev.ablate.core.spi.ComponentDescriptor;
import dev.ablate.core.spi.ComponentKind;
import dev.ablate.core.spi.Cost;
import dev.ablate.core.spi.NormCapabilities;
import dev.ablate.core.spi.NormConfig;
import dev.ablate.core.spi.NormDescriptor;
import dev.ablate.core.spi.PositionalCapabilities;
import dev.ablate.core.spi.PositionalConfig;
import dev.ablate.core.spi.PositionalDescriptor;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Every registered component, by kind and id, and the one place that turns a config record into
 * its block, capabilities and complexity model.
 */
public final class ComponentRegistry {

    private final Map<ComponentKind, Map<String, ComponentDescriptor<?>>> byId = new EnumMap<>(ComponentKind.class);
    private final Map<Class<?>, ComponentDescriptor<?>> byConfigType = new HashMap<>();
    private final ConfigJson json;
    private final PluginOrigins origins;

    @Inject
    ComponentRegistry(
            Map<String, AttentionDescriptor<?>> attention,
            Map<String, PositionalDescriptor<?>> positional,
            Map<String, NormDescriptor<?>> norm,
            PluginOrigins origins) {
        this.origins = origins;
        for (ComponentKind kind : ComponentKind.values()) {
            byId.put(kind, new TreeMap<>());
        }
        List.of(attention, positional, norm).forEach(m -> m.values().forEach(this::add));
        this.json = new ConfigJson(all());
    }

    /** The registry of the plugins {@code ServiceLoader} finds through {@code loader}, wired by Guice. */
    public static ComponentRegistry discover(ClassLoader loader) {
        return Guice.createInjector(Stage.PRODUCTION, PluginModule.discover(loader)).getInstance(ComponentRegistry.class);
    }

    private void add(ComponentDescriptor<?> d) {
        byId.get(d.kind()).put(d.id(), d);
        byConfigType.put(d.configType(), d);
    }

    /** Every descriptor, by kind (attention, positional, norm) and then id. */
    public List<ComponentDescriptor<?>> all() {
        List<ComponentDescriptor<?>> all = new ArrayList<>();
        byId.values().forEach(m -> all.addAll(m.values()));
        all.sort(Comparator.comparing((ComponentDescriptor<?> d) -> d.kind()).thenComparing(ComponentDescriptor::id));
        return all;
    }

    /** Where a descriptor came from: its module and JAR, or the plugin JAR or folder it was loaded from. */
    public String origin(ComponentDescriptor<?> d) {
        return origins.of(d);
    }

    public List<String> ids(ComponentKind kind) {
        return List.copyOf(byId.get(kind).keySet());
    }

    /** The descriptor of {@code kind} named {@code id}; an unknown id fails listing the known ones. */
    public ComponentDescriptor<?> get(ComponentKind kind, String id) {
        ComponentDescriptor<?> d = byId.get(kind).get(id);
        if (d == null) {
            throw new UnknownPluginException(kind, id, byId.get(kind).keySet());
        }
        return d;
    }

    /** The descriptor whose config record {@code config} is. */
    public ComponentDescriptor<?> descriptorOf(ComponentConfig config) {
        ComponentDescriptor<?> d = byConfigType.get(config.getClass());
        if (d == null) {
            throw new IllegalArgumentException("no registered plugin has the config type " + config.getClass().getName());
        }
        return d;
    }

    /** The id a config selects (its JSON {@code "type"}). */
    public String idOf(ComponentConfig config) {
        return descriptorOf(config).id();
    }

    /** The config {@code {"type": id}} reads as: the plugin with all its defaults. */
    public ComponentConfig defaultConfig(ComponentKind kind, String id) {
        get(kind, id);
        return json.mapper().convertValue(Map.of("type", id), kind.configBase());
    }

    /** The strict JSON reader/writer that knows every registered config type. */
    public ConfigJson json() {
        return json;
    }

    /** {@code config} with every omitted plugin replaced by its default ({@link ModelConfig#DEFAULT_ATTENTION} etc.). */
    public ModelConfig complete(ModelConfig config) {
        if (config.isComplete()) {
            return config;
        }
        return config.withPlugins(
                config.attention() != null ? config.attention()
                        : (AttentionConfig) defaultConfig(ComponentKind.ATTENTION, ModelConfig.DEFAULT_ATTENTION),
                config.crossAttention() != null ? config.crossAttention()
                        : (AttentionConfig) defaultConfig(ComponentKind.ATTENTION, ModelConfig.DEFAULT_ATTENTION),
                config.positional() != null ? config.positional()
                        : (PositionalConfig) defaultConfig(ComponentKind.POSITIONAL, ModelConfig.DEFAULT_POSITIONAL),
                config.norm() != null ? config.norm()
                        : (NormConfig) defaultConfig(ComponentKind.NORM, ModelConfig.DEFAULT_NORM));
    }

    public AttentionCapabilities capabilities(AttentionConfig config) {
        return capabilities((AttentionDescriptor<?>) descriptorOf(config), config);
    }

    public ComplexityModel complexity(AttentionConfig config) {
        return complexity((AttentionDescriptor<?>) descriptorOf(config), config);
    }

    public Block create(AttentionConfig config, AttentionSetup setup) {
        return create((AttentionDescriptor<?>) descriptorOf(config), config, setup);
    }

    public PositionalCapabilities capabilities(PositionalConfig config) {
        return capabilities((PositionalDescriptor<?>) descriptorOf(config), config);
    }

    public Block create(PositionalConfig config, int dModel) {
        return create((PositionalDescriptor<?>) descriptorOf(config), config, dModel);
    }

    /** What {@code config}'s positions do inside an attention built for {@code setup}, or {@code null}. */
    public AttentionPositions insideAttention(PositionalConfig config, AttentionSetup setup) {
        return insideAttention((PositionalDescriptor<?>) descriptorOf(config), config, setup);
    }

    /** What {@code config}'s positions add to each self-attention layer's counts. */
    public Cost cost(PositionalConfig config) {
        return cost((PositionalDescriptor<?>) descriptorOf(config), config);
    }

    /**
     * One self-attention layer's Table 1 row with these positions inside it: the attention's columns,
     * the counts of both.
     */
    public ComplexityModel complexity(AttentionConfig attention, PositionalConfig positional) {
        ComplexityModel model = complexity(attention);
        return positional == null ? model : model.plus(cost(positional));
    }

    public NormCapabilities capabilities(NormConfig config) {
        return capabilities((NormDescriptor<?>) descriptorOf(config), config);
    }

    public Block create(NormConfig config, int dModel) {
        return create((NormDescriptor<?>) descriptorOf(config), config, dModel);
    }

    /** Capabilities of a descriptor with a config of the right type (the wildcard-capturing helpers below). */
    public static <C extends AttentionConfig> AttentionCapabilities capabilities(AttentionDescriptor<C> d, AttentionConfig c) {
        return d.capabilities(d.configType().cast(c));
    }

    public static <C extends AttentionConfig> ComplexityModel complexity(AttentionDescriptor<C> d, AttentionConfig c) {
        return d.complexity(d.configType().cast(c));
    }

    private static <C extends AttentionConfig> Block create(AttentionDescriptor<C> d, AttentionConfig c, AttentionSetup s) {
        return d.create(d.configType().cast(c), s);
    }

    public static <C extends PositionalConfig> PositionalCapabilities capabilities(PositionalDescriptor<C> d, PositionalConfig c) {
        return d.capabilities(d.configType().cast(c));
    }

    private static <C extends PositionalConfig> Block create(PositionalDescriptor<C> d, PositionalConfig c, int dModel) {
        return d.create(d.configType().cast(c), dModel);
    }

    public static <C extends PositionalConfig> AttentionPositions insideAttention(PositionalDescriptor<C> d,
            PositionalConfig c, AttentionSetup setup) {
        return d.insideAttention(d.configType().cast(c), setup);
    }

    public static <C extends PositionalConfig> Cost cost(PositionalDescriptor<C> d, PositionalConfig c) {
        return d.cost(d.configType().cast(c));
    }

    public static <C extends NormConfig> NormCapabilities capabilities(NormDescriptor<C> d, NormConfig c) {
        return d.capabilities(d.configType().cast(c));
    }

    private static <C extends NormConfig> Block create(NormDescriptor<C> d, NormConfig c, int dModel) {
        return d.create(d.configType().cast(c), dModel);
    }
}
