package dev.ablate.core.registry;

import dev.ablate.core.spi.AblatePlugin;
import dev.ablate.core.spi.ComponentDescriptor;
import java.io.IOException;
import java.lang.module.Configuration;
import java.lang.module.FindException;
import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReference;
import java.lang.module.ResolutionException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Plugins from JARs outside Ablate's own path: a plugins folder holds plugin JARs, and folders of
 * JARs for plugins that bring their own dependencies. Each JAR or folder is one plugin, isolated
 * from the others: when Ablate runs on the module path (the launcher) each gets a {@link
 * ModuleLayer} of its own above Ablate's, so it sees Ablate's SPI and the SPI's dependencies (DJL,
 * Guice, Jackson) and nothing of another plugin; on the class path (unit tests, IDEs) each gets a
 * class loader of its own whose parent is Ablate's.
 *
 * <p>Every way a plugin can fail to load ends in a {@link PluginLoadException} that names the JAR,
 * the reason and what to do.
 */
public final class PluginJars {

    /**
     * A place to look for plugins.
     *
     * @param path a folder of plugin JARs (and folders of JARs), or one JAR
     * @param reason why it is searched, for messages, e.g. {@code --plugins} or {@code $ABLATE_PLUGINS}
     * @param required whether a missing path is an error (asked for by the user) or simply skipped
     *     (a default location)
     */
    public record Location(Path path, String reason, boolean required) {}

    /** One plugin: a JAR, or a folder holding a plugin JAR and its dependencies. */
    private record Unit(Path path, List<Path> jars, Location location) {

        String describe() {
            return (Files.isDirectory(path) ? "plugin folder " : "plugin JAR ") + path;
        }
    }

    private PluginJars() {}

    /** The plugins at {@code locations}, in order; a JAR or folder reached twice is loaded once. */
    public static List<PluginSource> load(List<Location> locations) {
        List<PluginSource> sources = new ArrayList<>();
        Set<Path> seen = new HashSet<>();
        for (Location location : locations) {
            Path path = location.path().toAbsolutePath().normalize();
            if (!Files.exists(path)) {
                if (location.required()) {
                    throw new PluginLoadException(location.reason() + " names " + path
                            + ", which does not exist. Give a folder of plugin JARs, or one plugin JAR.");
                }
                continue;
            }
            if (!seen.add(realPath(path))) {
                continue;
            }
            for (Unit unit : units(path, location)) {
                // A JAR named by --plugins may also sit in a folder searched anyway: it is one plugin.
                if (unit.path().equals(path) || seen.add(realPath(unit.path()))) {
                    sources.add(load(unit));
                }
            }
        }
        return sources;
    }

    private static List<Unit> units(Path path, Location location) {
        if (Files.isRegularFile(path)) {
            if (!isJar(path)) {
                throw new PluginLoadException(location.reason() + " names " + path
                        + ", which is neither a folder nor a JAR. Give a folder of plugin JARs, or one plugin JAR.");
            }
            return List.of(new Unit(path, List.of(path), location));
        }
        List<Unit> units = new ArrayList<>();
        for (Path entry : list(path)) {
            if (Files.isRegularFile(entry) && isJar(entry)) {
                units.add(new Unit(entry, List.of(entry), location));
            } else if (Files.isDirectory(entry)) {
                List<Path> jars = list(entry).stream().filter(p -> Files.isRegularFile(p) && isJar(p)).toList();
                if (!jars.isEmpty()) {
                    units.add(new Unit(entry, jars, location));
                }
            }
        }
        return units;
    }

    private static PluginSource load(Unit unit) {
        ModuleFinder finder = ModuleFinder.of(unit.jars().toArray(Path[]::new));
        Set<ModuleReference> modules = modules(unit, finder);
        String compiledAgainst = checkSpi(unit, modules);
        Module spi = AblatePlugin.class.getModule();
        List<ServiceLoader.Provider<AblatePlugin>> providers;
        try {
            if (spi.isNamed() && spi.getLayer() != null) {
                ModuleLayer layer = layer(unit, finder, modules, spi.getLayer());
                providers = providers(ServiceLoader.load(layer, AblatePlugin.class), t -> t.getModule().getLayer() == layer);
            } else {
                ClassLoader loader = new URLClassLoader(unit.path().getFileName().toString(), urls(unit),
                        AblatePlugin.class.getClassLoader());
                providers = providers(ServiceLoader.load(AblatePlugin.class, loader), t -> t.getClassLoader() == loader);
            }
        } catch (ServiceConfigurationError e) {
            throw fail(unit, "its plugin class cannot be loaded: " + message(e),
                    "Check the class named in its provides clause or META-INF/services file, and rebuild it");
        }
        if (providers.isEmpty()) {
            throw fail(unit, "it provides no " + AblatePlugin.class.getName(),
                    "Declare the plugin class: 'provides " + AblatePlugin.class.getName() + " with <your class>;' in "
                            + "module-info.java, and the class name in META-INF/services/" + AblatePlugin.class.getName());
        }
        if (providers.size() > 1) {
            throw fail(unit, "it provides " + providers.size() + " plugins (" + providers.stream()
                            .map(p -> p.type().getName()).collect(Collectors.joining(", ")) + ")",
                    "Give each plugin a JAR or folder of its own; one plugin may hold several components");
        }
        ServiceLoader.Provider<AblatePlugin> provider = providers.get(0);
        String moduleName = provider.type().getModule().isNamed() ? provider.type().getModule().getName() : null;
        AblatePlugin plugin;
        try {
            plugin = provider.get();
            // Asking each descriptor what it is loads its classes: a missing dependency shows here, not mid-run.
            List<ComponentDescriptor<?>> descriptors = new ArrayList<>(plugin.attention());
            descriptors.addAll(plugin.positional());
            descriptors.addAll(plugin.norm());
            for (ComponentDescriptor<?> d : descriptors) {
                d.id();
                d.summary();
                d.configType();
            }
        } catch (ServiceConfigurationError | LinkageError e) {
            throw fail(unit, "its plugin cannot be created: " + message(e),
                    "A class it needs is missing or changed: put its dependencies next to it in a folder of its own "
                            + "(plugins/<name>/), and build it against this Ablate's SPI (" + SpiVersion.running() + ")");
        }
        return new PluginSource(plugin, origin(unit, moduleName, compiledAgainst));
    }

    private static Set<ModuleReference> modules(Unit unit, ModuleFinder finder) {
        Set<ModuleReference> modules;
        try {
            modules = finder.findAll();
        } catch (FindException e) {
            throw fail(unit, "it cannot be read as Java modules: " + message(e),
                    "Rebuild it, or remove it from " + unit.location().reason());
        }
        for (ModuleReference m : modules) {
            if (m.descriptor().name().equals(SpiVersion.SPI_MODULE)
                    || m.descriptor().packages().contains(AblatePlugin.class.getPackageName())) {
                throw fail(unit, location(m) + " carries a copy of Ablate's SPI (" + SpiVersion.SPI_MODULE + ")",
                        "Declare the dependency on ablate-core with <scope>provided</scope>, so that the plugin uses "
                                + "the SPI of the Ablate that loads it, and rebuild");
            }
        }
        return modules;
    }

    /** The SPI version the plugin was compiled against, after refusing an incompatible one. */
    private static String checkSpi(Unit unit, Set<ModuleReference> modules) {
        String running = SpiVersion.running();
        String compiled = null;
        for (ModuleReference m : modules) {
            String version = SpiVersion.compiledAgainst(m.descriptor()).orElse(null);
            if (version == null) {
                continue;
            }
            if (!SpiVersion.compatible(version, running)) {
                throw fail(unit, "module " + m.descriptor().name() + " was built against Ablate SPI " + version
                                + ", but this is Ablate " + running + " (SPI " + SpiVersion.line(running) + ")",
                        "Rebuild the plugin against ablate-core " + running + ", or run it with an Ablate of the "
                                + SpiVersion.line(version) + " line");
            }
            compiled = version;
        }
        return compiled;
    }

    private static ModuleLayer layer(Unit unit, ModuleFinder finder, Set<ModuleReference> modules, ModuleLayer parent) {
        Set<String> roots = modules.stream().map(m -> m.descriptor().name()).collect(Collectors.toSet());
        try {
            Configuration configuration = parent.configuration().resolve(finder, ModuleFinder.of(), roots);
            return ModuleLayer.defineModulesWithOneLoader(configuration, List.of(parent),
                    AblatePlugin.class.getClassLoader()).layer();
        } catch (FindException | ResolutionException e) {
            throw fail(unit, "its modules cannot be resolved: " + message(e),
                    "Put the JARs it depends on next to it in a folder of its own (plugins/<name>/); Ablate itself "
                            + "provides only " + SpiVersion.SPI_MODULE + " and what it requires (DJL, Guice, Jackson)");
        } catch (LayerInstantiationException e) {
            throw fail(unit, "its modules clash with each other or with Ablate's: " + message(e),
                    "Remove the JAR that repeats a package another module already holds");
        }
    }

    private static List<ServiceLoader.Provider<AblatePlugin>> providers(
            ServiceLoader<AblatePlugin> loader, Predicate<Class<?>> ours) {
        return loader.stream().filter(p -> ours.test(p.type())).toList();
    }

    private static String origin(Unit unit, String module, String compiledAgainst) {
        List<String> facts = new ArrayList<>();
        if (module != null) {
            facts.add("module " + module);
        }
        facts.add(compiledAgainst != null ? "built against Ablate " + compiledAgainst
                : "no module-info, so its SPI version is unchecked");
        facts.add("via " + unit.location().reason());
        return unit.path() + " (" + String.join("; ", facts) + ")";
    }

    private static PluginLoadException fail(Unit unit, String reason, String todo) {
        return new PluginLoadException(unit.describe() + " (from " + unit.location().reason() + ") cannot be loaded: "
                + reason + ". " + todo + ".");
    }

    private static String message(Throwable e) {
        StringBuilder text = new StringBuilder(String.valueOf(e.getMessage()));
        for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
            text.append(": ").append(cause.getClass().getSimpleName()).append(' ').append(cause.getMessage());
        }
        return text.toString();
    }

    private static String location(ModuleReference m) {
        return m.location().map(uri -> Path.of(uri).getFileName().toString()).orElse(m.descriptor().name());
    }

    private static URL[] urls(Unit unit) {
        List<URL> urls = new ArrayList<>();
        for (Path jar : unit.jars()) {
            try {
                urls.add(jar.toUri().toURL());
            } catch (MalformedURLException e) {
                throw fail(unit, "its path cannot be made a URL: " + e.getMessage(), "Move it to a plain folder");
            }
        }
        return urls.toArray(URL[]::new);
    }

    private static List<Path> list(Path folder) {
        try (Stream<Path> entries = Files.list(folder)) {
            return entries.filter(p -> !p.getFileName().toString().startsWith("."))
                    .sorted(Comparator.comparing(Path::toString))
                    .toList();
        } catch (IOException e) {
            throw new PluginLoadException("cannot list the plugin folder " + folder + ": " + e.getMessage(), e);
        }
    }

    private static boolean isJar(Path path) {
        return path.getFileName().toString().endsWith(".jar");
    }

    private static Path realPath(Path path) {
        try {
            return path.toRealPath();
        } catch (IOException e) {
            return path;
        }
    }
}
