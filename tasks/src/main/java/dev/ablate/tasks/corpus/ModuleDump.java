package dev.ablate.tasks.corpus;

import java.io.IOException;
import java.util.Optional;

/**
 * A SWORD module's text as {@code mod2imp} dumps it (see {@link ImpReader}). {@link Mod2Imp} runs
 * the real program; tests give canned dumps.
 */
@FunctionalInterface
public interface ModuleDump {

    /** The dump of module {@code moduleId} (e.g. {@code engKJV2006eb}); empty when it is not installed. */
    Optional<String> dump(String moduleId) throws IOException;
}
