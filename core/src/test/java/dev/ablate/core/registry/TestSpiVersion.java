package dev.ablate.core.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.module.ModuleDescriptor;
import org.junit.jupiter.api.Test;

final class TestSpiVersion {

    @Test
    void beforeOnePointZeroEveryMinorIsItsOwnLine() {
        assertThat(SpiVersion.line("0.1.0-SNAPSHOT")).isEqualTo("0.1");
        assertThat(SpiVersion.line("0.1.7")).isEqualTo("0.1");
        assertThat(SpiVersion.compatible("0.1.0", "0.1.3-SNAPSHOT")).isTrue();
        assertThat(SpiVersion.compatible("0.2.0", "0.1.0")).isFalse();
        assertThat(SpiVersion.compatible("0.1.0", "0.2.0")).isFalse();
    }

    @Test
    void fromOnePointZeroTheMajorIsTheLine() {
        assertThat(SpiVersion.line("2.4.1")).isEqualTo("2");
        assertThat(SpiVersion.compatible("1.0.0", "1.9.2")).isTrue();
        assertThat(SpiVersion.compatible("1.9.2", "2.0.0")).isFalse();
    }

    @Test
    void theRunningVersionComesFromTheBuild() {
        assertThat(SpiVersion.running()).matches("\\d+\\.\\d+\\.\\d+.*").doesNotContain("${");
    }

    @Test
    void compiledVersionIsReadFromRequiresOfTheModuleDescriptor() {
        ModuleDescriptor plugin = ModuleDescriptor.newModule("my.plugin")
                .requires(java.util.Set.of(), SpiVersion.SPI_MODULE, ModuleDescriptor.Version.parse("0.3.1"))
                .build();
        assertThat(SpiVersion.compiledAgainst(plugin)).contains("0.3.1");
        ModuleDescriptor unversioned = ModuleDescriptor.newModule("other.plugin").requires(SpiVersion.SPI_MODULE).build();
        assertThat(SpiVersion.compiledAgainst(unversioned)).isEmpty();
        assertThat(SpiVersion.compiledAgainst(ModuleDescriptor.newAutomaticModule("auto").build())).isEmpty();
    }
}
