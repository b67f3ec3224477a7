package dev.ablate.core.registry;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import com.google.inject.TypeLiteral;
import com.google.inject.multibindings.MapBinder;
import dev.ablate.core.config.ConfigJson;
import dev.ablate.core.spi.AttentionDescriptor;
import dev.ablate.core.spi.ComponentDescriptor;
import dev.ablate.core.spi.ComponentKind;
import dev.ablate.core.spi.NormDescriptor;
import dev.ablate.core.spi.PositionalDescriptor;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Registers every descriptor of the given plugins: a Guice {@link MapBinder} entry per kind (id to
 * descriptor), and, through {@link ConfigJson}, a Jackson named subtype, so that a JSON
 * {@code "type"} can never exist without a factory.
 *
 * <p>Descriptors are checked before anything is bound: a malformed id or a duplicate id within a
 * kind stops start-up with both providers named (Guice and Jackson would report a duplicate without
 * saying where it came from, or keep one silently).
 */
public final class PluginModule extends AbstractModule {

    private static final Pattern KEBAB_CASE = Pattern.compile("[a-z][a-z0-9]*(-[a-z0-9]+)*");

    private final List<PluginSource> sources;

    public PluginModule(List<PluginSource> sources) {
        this.sources = List.copyOf(sources);
        check(this.sources);
    }

    /** The plugins {@link PluginSource#discover ServiceLoader} finds through {@code loader}. */
    public static PluginModule discover(ClassLoader loader) {
        return new PluginModule(PluginSource.discover(loader));
    }

    @Override
    protected void configure() {
        binder().requireExplicitBindings();
        binder().disableCircularProxies();
        MapBinder<String, AttentionDescriptor<?>> attention =
                MapBinder.newMapBinder(binder(), new TypeLiteral<String>() {}, new TypeLiteral<AttentionDescriptor<?>>() {});
        MapBinder<String, PositionalDescriptor<?>> positional =
                MapBinder.newMapBinder(binder(), new TypeLiteral<String>() {}, new TypeLiteral<PositionalDescriptor<?>>() {});
        MapBinder<String, NormDescriptor<?>> norm =
                MapBinder.newMapBinder(binder(), new TypeLiteral<String>() {}, new TypeLiteral<NormDescriptor<?>>() {});
        for (PluginSource source : sources) {
            source.plugin().attention().forEach(d -> attention.addBinding(d.id()).toInstance(d));
            source.plugin().positional().forEach(d -> positional.addBinding(d.id()).toInstance(d));
            source.plugin().norm().forEach(d -> norm.addBinding(d.id()).toInstance(d));
        }
        bind(ComponentRegistry.class);
    }

    @Provides
    @Singleton
    ConfigJson configJson(ComponentRegistry registry) {
        return registry.json();
    }

    private static void check(List<PluginSource> sources) {
        Map<String, PluginSource> seen = new HashMap<>();
        for (PluginSource source : sources) {
            for (ComponentDescriptor<?> d : descriptors(source)) {
                ComponentKind kind = kindOf(source, d);
                if (d.id() == null || !KEBAB_CASE.matcher(d.id()).matches()) {
                    throw new PluginLoadException(kind.label() + " plugin id '" + d.id() + "' from " + source.origin()
                            + " is not kebab-case (lower-case letters and digits, words joined by '-').");
                }
                if (d.configType() == null || !kind.configBase().isAssignableFrom(d.configType())) {
                    throw new PluginLoadException(kind.label() + " plugin '" + d.id() + "' from " + source.origin()
                            + " must name a config type implementing " + kind.configBase().getName() + ".");
                }
                PluginSource first = seen.putIfAbsent(kind.label() + ":" + d.id(), source);
                if (first != null) {
                    throw new PluginLoadException(kind.label() + " plugin id '" + d.id() + "' is provided twice: by "
                            + first.origin() + " and by " + source.origin() + ". Remove one of them from the plugin path.");
                }
            }
        }
    }

    private static List<ComponentDescriptor<?>> descriptors(PluginSource source) {
        List<ComponentDescriptor<?>> all = new ArrayList<>(source.plugin().attention());
        all.addAll(source.plugin().positional());
        all.addAll(source.plugin().norm());
        return all;
    }

    /** The kind a descriptor was listed under; a descriptor listed under another kind's method is an error. */
    private static ComponentKind kindOf(PluginSource source, ComponentDescriptor<?> d) {
        ComponentKind listed = d instanceof AttentionDescriptor<?> ? ComponentKind.ATTENTION
                : d instanceof PositionalDescriptor<?> ? ComponentKind.POSITIONAL
                : ComponentKind.NORM;
        if (d.kind() != listed) {
            throw new PluginLoadException("plugin '" + d.id() + "' from " + source.origin() + " says it is "
                    + d.kind().label() + " but implements the " + listed.label() + " descriptor.");
        }
        return listed;
    }
}
