package dev.ablate.core.registry;

import dev.ablate.core.spi.AblatePlugin;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;

/**
 * A loaded plugin and where it came from, for listings and for error messages that name both
 * providers of a duplicate id.
 *
 * @param plugin the service instance
 * @param origin its module and JAR, e.g. {@code dev.ablate.attention (ablate-attention-0.1.0.jar)}
 */
public record PluginSource(AblatePlugin plugin, String origin) {

    public static PluginSource of(AblatePlugin plugin) {
        return new PluginSource(plugin, originOf(plugin.getClass()));
    }

    /**
     * Every {@link AblatePlugin} visible to {@code loader}: providers in named modules on the module
     * path and {@code META-INF/services} entries on the class path.
     */
    public static List<PluginSource> discover(ClassLoader loader) {
        List<PluginSource> sources = new ArrayList<>();
        ServiceLoader<AblatePlugin> services = ServiceLoader.load(AblatePlugin.class, loader);
        try {
            for (AblatePlugin plugin : services) {
                sources.add(of(plugin));
            }
        } catch (ServiceConfigurationError e) {
            throw new PluginLoadException("a plugin could not be loaded: " + e.getMessage()
                    + ". Remove or rebuild the JAR that provides it.", e);
        }
        return sources;
    }

    /** The module name (if any) and the JAR or folder a class was loaded from. */
    public static String originOf(Class<?> type) {
        Module module = type.getModule();
        String location = location(type);
        if (module.isNamed()) {
            return location.isEmpty() ? module.getName() : module.getName() + " (" + location + ")";
        }
        return location.isEmpty() ? type.getName() : location;
    }

    private static String location(Class<?> type) {
        CodeSource code = type.getProtectionDomain().getCodeSource();
        if (code == null || code.getLocation() == null) {
            return "";
        }
        try {
            Path path = Path.of(code.getLocation().toURI());
            // A JAR is named by its file; a class folder (tests, IDE runs) only by its full path.
            boolean jar = path.getFileName() != null && path.getFileName().toString().endsWith(".jar");
            return jar ? path.getFileName().toString() : path.toString();
        } catch (URISyntaxException | IllegalArgumentException e) {
            return code.getLocation().toString();
        }
    }
}
