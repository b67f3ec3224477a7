package dev.ablate.core.registry;

import dev.ablate.core.error.UserException;

/** The plugins on the path cannot be registered: a duplicate id, a malformed descriptor, a JAR that fails to load. */
public final class PluginLoadException extends UserException {

    private static final long serialVersionUID = 1L;

    public PluginLoadException(String message) {
        super(message);
    }

    public PluginLoadException(String message, Throwable cause) {
        super(message, cause);
    }
}
