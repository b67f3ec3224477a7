package dev.ablate.core.registry;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import com.google.inject.TypeLiteral;
import com.google.inject.multibindings.MapBinder;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ablate.core.config.ConfigJson;
import dev.ablate.core.spi.AttentionDescriptor;
import dev.ablate.core.spi.ComponentDescriptor;
import dev.ablate.core.spi.ComponentKind;
import dev.ablate.core.spi.NormDescriptor;
import dev.ablate.core.spi.PositionalDescriptor;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
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

    /** Every descriptor with the origin of its plugin, listed once (a plugin may build new descriptors per call). */
    private final Map<ComponentDescriptor<?>, String> origins = new LinkedHashMap<>();

    public PluginModule(List<PluginSource> sources) {
        for (PluginSource source : sources) {
            descriptors(source).forEach(d -> origins.put(d, source.origin()));
        }
        check(origins);
    }

    /** The plugins {@link PluginSource#discover ServiceLoader} finds through {@code loader}. */
    public static PluginModule discover(ClassLoader loader) {
        return new PluginModule(PluginSource.discover(loader));
    }

    /** The plugins found through {@code loader}, and those in the plugin JARs at {@code locations}. */
    public static PluginModule discover(ClassLoader loader, List<PluginJars.Location> locations) {
        List<PluginSource> sources = new ArrayList<>(PluginSource.discover(loader));
        sources.addAll(PluginJars.load(locations));
        return new PluginModule(sources);
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
        for (ComponentDescriptor<?> d : origins.keySet()) {
            if (d instanceof AttentionDescriptor<?> a) {
                attention.addBinding(a.id()).toInstance(a);
            } else if (d instanceof PositionalDescriptor<?> p) {
                positional.addBinding(p.id()).toInstance(p);
            } else {
                norm.addBinding(d.id()).toInstance((NormDescriptor<?>) d);
            }
        }
        bind(PluginOrigins.class).toInstance(new PluginOrigins(origins));
        bind(ComponentRegistry.class);
    }

    @Provides
    @Singleton
    ConfigJson configJson(ComponentRegistry registry) {
        return registry.json();
    }

    private static void check(Map<ComponentDescriptor<?>, String> origins) {
        Map<String, String> seen = new HashMap<>();
        origins.forEach((d, origin) -> {
            ComponentKind kind = kindOf(origin, d);
            if (d.id() == null || !KEBAB_CASE.matcher(d.id()).matches()) {
                throw new PluginLoadException(kind.label() + " plugin id '" + d.id() + "' from " + origin
                        + " is not kebab-case (lower-case letters and digits, words joined by '-').");
            }
            if (d.configType() == null || !kind.configBase().isAssignableFrom(d.configType())) {
                throw new PluginLoadException(kind.label() + " plugin '" + d.id() + "' from " + origin
                        + " must name a config type implementing " + kind.configBase().getName() + ".");
            }
            String first = seen.putIfAbsent(kind.label() + ":" + d.id(), origin);
            if (first != null) {
                throw new PluginLoadException(kind.label() + " plugin id '" + d.id() + "' is provided twice: by "
                        + first + " and by " + origin + ". Remove one of them from the plugin path.");
            }
            checkJacksonCanRead(d, origin);
        });
    }

    /** A config record in a named module is read by Jackson only if its package is exported or opened to it. */
    private static void checkJacksonCanRead(ComponentDescriptor<?> d, String origin) {
        Module module = d.configType().getModule();
        String pkg = d.configType().getPackageName();
        Module jackson = ObjectMapper.class.getModule();
        if (module.isNamed() && !module.isExported(pkg, jackson) && !module.isOpen(pkg, jackson)) {
            throw new PluginLoadException(d.kind().label() + " plugin '" + d.id() + "' from " + origin
                    + ": its config record " + d.configType().getName() + " cannot be read by Jackson, because module "
                    + module.getName() + " neither exports nor opens " + pkg + ". Add 'opens " + pkg
                    + " to com.fasterxml.jackson.databind;' to its module-info.java.");
        }
    }

    private static List<ComponentDescriptor<?>> descriptors(PluginSource source) {
        List<ComponentDescriptor<?>> all = new ArrayList<>(source.plugin().attention());
        all.addAll(source.plugin().positional());
        all.addAll(source.plugin().norm());
        return all;
    }

    /** The kind a descriptor was listed under; a descriptor listed under another kind's method is an error. */
    private static ComponentKind kindOf(String origin, ComponentDescriptor<?> d) {
        ComponentKind listed = d instanceof AttentionDescriptor<?> ? ComponentKind.ATTENTION
                : d instanceof PositionalDescriptor<?> ? ComponentKind.POSITIONAL
                : ComponentKind.NORM;
        if (d.kind() != listed) {
            throw new PluginLoadException("plugin '" + d.id() + "' from " + origin + " says it is "
                    + d.kind().label() + " but implements the " + listed.label() + " descriptor.");
        }
        return listed;
    }
}
