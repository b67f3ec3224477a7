package dev.ablate.core.registry;

import dev.ablate.core.config.ConfigJson;
import dev.ablate.core.error.UserException;
import dev.ablate.core.spi.ComponentKind;
import java.util.Collection;

/** No plugin of the asked kind has the asked id. */
public final class UnknownPluginException extends UserException {

    private static final long serialVersionUID = 1L;

    public UnknownPluginException(ComponentKind kind, String id, Collection<String> known) {
        super("unknown " + kind.label() + " plugin '" + id + "'; known " + kind.label() + " plugins: "
                + String.join(", ", known.stream().sorted().toList()) + "." + ConfigJson.unknownPluginHint(id, known));
    }
}
