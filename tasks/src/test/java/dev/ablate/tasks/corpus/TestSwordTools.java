package dev.ablate.tasks.corpus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ablate.core.error.UserException;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/** Finding and running mod2imp and apt-get, with fake shell scripts in their place. */
@DisabledOnOs(OS.WINDOWS)
final class TestSwordTools {

    @Test
    void findsTheFirstExecutableOnThePath(@TempDir Path dir) throws Exception {
        Path empty = Files.createDirectories(dir.resolve("empty"));
        Path tools = Files.createDirectories(dir.resolve("tools"));
        Files.writeString(tools.resolve("mod2imp"), "not executable");
        assertThat(SearchPath.of(empty + ":" + tools).find("mod2imp")).isEmpty();
        Path script = script(tools, "mod2imp", "exit 0");
        assertThat(SearchPath.of(empty + "::" + tools).find("mod2imp")).contains(script);
        assertThat(SearchPath.of(null).find("mod2imp")).isEmpty();
        assertThat(Mod2Imp.find(SearchPath.of(empty.toString()))).isEmpty();
    }

    @Test
    void mod2impDumpsAModuleAndAnUnknownOneIsEmpty(@TempDir Path dir) throws Exception {
        script(dir, "mod2imp", """
                case "$1" in
                  engKJV2006eb) printf '$$$Genesis 1:1\\nIn the beginning caf\\303\\251\\n' ;;
                  broken) echo "Segmentation fault" >&2; exit 139 ;;
                  *) echo "mod2imp: Couldn't find module: $1"; echo usage; exit 255 ;;
                esac
                """);
        Mod2Imp mod2imp = Mod2Imp.find(SearchPath.of(dir.toString())).orElseThrow();
        assertThat(mod2imp.dump("engKJV2006eb")).contains("$$$Genesis 1:1\nIn the beginning café\n");
        assertThat(mod2imp.dump("spaRV1909eb")).isEmpty();
        assertThatThrownBy(() -> mod2imp.dump("broken")).isInstanceOf(IOException.class)
                .hasMessage("mod2imp broken failed with exit status 139: Segmentation fault");
    }

    @Test
    void aptGetNeedsRoot(@TempDir Path dir) {
        StringWriter out = new StringWriter();
        assertThatThrownBy(() -> AptGet.install(List.of("sword-text-kjv"), SearchPath.of(dir.toString()), false,
                new PrintWriter(out)))
                .isInstanceOf(UserException.class)
                .hasMessageContaining("needs root")
                .hasMessageContaining("sudo apt-get install -y sword-text-kjv");
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void aptGetRunsNonInteractivelyAndItsOutputIsCopied(@TempDir Path dir) throws Exception {
        script(dir, "apt-get", "echo \"apt-get $* ($DEBIAN_FRONTEND)\"; echo 'E: oops' >&2");
        StringWriter out = new StringWriter();
        AptGet.install(List.of("sword-text-kjv", "libsword-utils"), SearchPath.of(dir.toString()), true,
                new PrintWriter(out, true));
        assertThat(out.toString().lines()).containsExactly(
                "ablate: apt-get install -y sword-text-kjv libsword-utils",
                "apt-get install -y sword-text-kjv libsword-utils (noninteractive)",
                "E: oops");

        script(dir, "apt-get", "exit 100");
        assertThatThrownBy(() -> AptGet.install(List.of("x"), SearchPath.of(dir.toString()), true,
                new PrintWriter(new StringWriter())))
                .isInstanceOf(UserException.class).hasMessageStartingWith("apt-get install -y x failed with exit status 100");
        assertThatThrownBy(() -> AptGet.install(List.of("x"), SearchPath.of(dir.resolve("none").toString()), true,
                new PrintWriter(new StringWriter())))
                .isInstanceOf(UserException.class).hasMessageContaining("apt-get is not on PATH");
    }

    @Test
    void aptGetUpdatesThePackageListsWhenTheFirstInstallFails(@TempDir Path dir) throws Exception {
        // As on a fresh machine: install fails (100) until "update" has fetched the lists.
        Path lists = dir.resolve("lists");
        script(dir, "apt-get", "echo \"apt-get $*\"; if [ \"$1\" = update ]; then : > '" + lists + "'; exit 0; fi; "
                + "[ -e '" + lists + "' ] || exit 100");
        StringWriter out = new StringWriter();
        AptGet.install(List.of("sword-text-kjv"), SearchPath.of(dir.toString()), true, new PrintWriter(out, true));
        assertThat(out.toString().lines()).containsExactly(
                "ablate: apt-get install -y sword-text-kjv", "apt-get install -y sword-text-kjv",
                "ablate: apt-get update", "apt-get update",
                "ablate: apt-get install -y sword-text-kjv", "apt-get install -y sword-text-kjv");
    }

    static Path script(Path dir, String name, String body) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, "#!/bin/sh\n" + body + "\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
        return file;
    }
}
