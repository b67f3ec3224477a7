package dev.ablate.core.registry;

import java.io.IOException;
import java.io.InputStream;
import java.lang.module.ModuleDescriptor;
import java.util.Optional;
import java.util.Properties;

/**
 * Which plugins this Ablate can load. A modular plugin JAR records the version of {@code
 * dev.ablate.core} it was compiled against (javac writes it into {@code module-info.class} next to
 * {@code requires dev.ablate.core}). A plugin loads when that version is on the same SPI line as
 * the running Ablate: the same major version from 1.0 on, the same major and minor before 1.0
 * (semantic versioning: 0.x minors may break the SPI). Patch releases never change the SPI.
 */
public final class SpiVersion {

    /** The module plugins compile against. */
    public static final String SPI_MODULE = "dev.ablate.core";

    private SpiVersion() {}

    /** The version of the running Ablate, e.g. {@code 0.1.0-SNAPSHOT}. */
    public static String running() {
        Properties p = new Properties();
        try (InputStream in = SpiVersion.class.getResourceAsStream("spi.properties")) {
            if (in == null) {
                throw new IllegalStateException("spi.properties is missing from the ablate-core JAR");
            }
            p.load(in);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read spi.properties from the ablate-core JAR", e);
        }
        return p.getProperty("version");
    }

    /** The SPI line of a version: {@code 0.1} for 0.1.x, {@code 2} for 2.x.y. */
    public static String line(String version) {
        String[] numbers = version.split("[-+]", 2)[0].split("\\.");
        return numbers[0].equals("0") && numbers.length > 1 ? "0." + numbers[1] : numbers[0];
    }

    /** Whether a plugin compiled against {@code compiled} can run on {@code running}. */
    public static boolean compatible(String compiled, String running) {
        return line(compiled).equals(line(running));
    }

    /**
     * The version of {@code dev.ablate.core} a module was compiled against, when its descriptor
     * records one (modular JARs built by javac do; automatic modules have no descriptor to read).
     */
    public static Optional<String> compiledAgainst(ModuleDescriptor module) {
        if (module.isAutomatic()) {
            return Optional.empty();
        }
        return module.requires().stream()
                .filter(r -> r.name().equals(SPI_MODULE))
                .findFirst()
                .flatMap(ModuleDescriptor.Requires::compiledVersion)
                .map(ModuleDescriptor.Version::toString);
    }
}
