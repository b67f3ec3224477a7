package dev.ablate.testkit;

import com.google.inject.Guice;
import com.google.inject.Stage;
import dev.ablate.core.config.ConfigException;
import dev.ablate.core.registry.ComponentRegistry;
import dev.ablate.core.registry.PluginModule;
import dev.ablate.core.registry.PluginSource;
import dev.ablate.core.spi.AblatePlugin;
import dev.ablate.core.spi.ComponentConfig;
import dev.ablate.core.spi.ComponentKind;
import java.util.List;

/**
 * Reads component configs the way Ablate reads them from a spec, with a plugin registered: for
 * tests of a config's JSON, its defaults and its rules.
 */
public final class PluginConfigs {

    private final ComponentRegistry registry;

    private PluginConfigs(ComponentRegistry registry) {
        this.registry = registry;
    }

    /** Ablate's reading with {@code plugin} (and nothing else) registered. */
    public static PluginConfigs of(AblatePlugin plugin) {
        return new PluginConfigs(Guice.createInjector(Stage.PRODUCTION, new PluginModule(List.of(PluginSource.of(plugin))))
                .getInstance(ComponentRegistry.class));
    }

    /**
     * Reads a config of {@code kind} from JSON, {@code "type"} included.
     *
     * @throws IllegalArgumentException with the message a user would read (the field, the rule, what
     *     is known) when the JSON is not a valid config
     */
    public ComponentConfig read(ComponentKind kind, String json) {
        try {
            return registry.json().read("test", json, kind.configBase());
        } catch (ConfigException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    /** The id of the component {@code config} selects. */
    public String idOf(ComponentConfig config) {
        return registry.idOf(config);
    }

    ComponentRegistry registry() {
        return registry;
    }

    /** The ids of {@code kind} that are registered. */
    public List<String> ids(ComponentKind kind) {
        return registry.ids(kind);
    }
}
