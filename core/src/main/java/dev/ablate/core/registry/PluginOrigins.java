package dev.ablate.core.registry;

import dev.ablate.core.spi.ComponentDescriptor;
import java.util.IdentityHashMap;
import java.util.Map;

/** Where each registered descriptor came from, for {@code ablate plugins} and error messages. */
final class PluginOrigins {

    private final Map<ComponentDescriptor<?>, String> origins = new IdentityHashMap<>();

    PluginOrigins(Map<ComponentDescriptor<?>, String> origins) {
        this.origins.putAll(origins);
    }

    String of(ComponentDescriptor<?> d) {
        return origins.get(d);
    }
}
