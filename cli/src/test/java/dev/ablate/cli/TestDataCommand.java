package dev.ablate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ablate.tasks.corpus.AptGet;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ablate data prepare}: with a fake mod2imp (a shell script serving a few verses) first on
 * PATH, with none, and with a fake apt-get for --install.
 */
@DisabledOnOs(OS.WINDOWS)
final class TestDataCommand {

    private static final String KJV = """
            $$$[ Module Heading ]

            $$$Genesis 1:0
            <chapter n="1" osisID="Gen.1" sID="Gen.1"/>
            $$$Genesis 1:1
            In the <w lemma="strong:H7225">beginning</w> <w lemma="strong:H0430">God</w> created the heaven and the earth.
            $$$Genesis 1:2
            And the earth was without form, and void; and darkness <transChange type="added">was</transChange> upon the face of the deep.
            $$$Genesis 1:5
            And God called the light Day, and the darkness he called Night.<note placement="foot">Heb. And the evening was</note>
            $$$Psalms 3:1
            <title canonical="true" type="psalm">A Psalm of David.</title> LORD, how are they increased that trouble me!
            $$$Jonah 1:16
            Then the men feared the LORD exceedingly.
            $$$Jonah 1:17
            Now the LORD had prepared a great fish to swallow up Jonah.
            """;
    private static final String RV = """
            $$$Genesis 1:1
            <w lemma="strong:H7225">EN el principio</w> crió Dios los cielos y la tierra.
            $$$Genesis 1:2
            Y la tierra estaba desordenada y vacía, y las tinieblas estaban sobre la haz del abismo.
            $$$Genesis 1:5
            Y llamó Dios á la luz Día, y á las tinieblas llamó Noche.
            $$$Psalms 3:1
            Salmo de David. ¡OH Jehová, cuánto se han multiplicado mis enemigos!
            $$$Jonah 1:16
            Y temieron aquellos hombres á Jehová con gran temor.
            $$$Jonah 1:17
            <chapter eID="Jonah.1"/>
            """;

    private static CommandResult run(Path pathFolder, String... args) {
        // Only the fakes: this machine may have the real mod2imp and apt-get in /usr/bin.
        return CommandResult.run(Map.of("PATH", pathFolder.toString()), args);
    }

    @Test
    void buildsTheCorpusWithMod2impAndPrintsWhatItKeptAndDropped(@TempDir Path dir) throws Exception {
        Path bin = fakeSword(dir);
        Path out = dir.resolve("corpus");
        CommandResult r = run(bin, "data", "prepare", "bible-en-es", "--out", out.toString());
        assertThat(r.status()).as(r.err()).isZero();
        assertThat(r.out()).isEqualTo(String.join(System.lineSeparator(),
                "bible-en-es: 5 verses have text in both engKJV2006eb (KJV) and spaRV1909eb (RV 1909), 1 in one only",
                "dropped 1 chapter (1 verse) whose Spanish numbering differs: Jonah 1",
                "kept 4 pairs, on average 66 characters of English and 66 of Spanish",
                "train 2 pairs, valid 1, test 1 → " + out + "/", ""));
        assertThat(Files.readString(out.resolve("train.tsv"))).isEqualTo(
                "In the beginning God created the heaven and the earth.\tEN el principio crió Dios los cielos y la tierra.\n"
                + "And the earth was without form, and void; and darkness was upon the face of the deep.\t"
                + "Y la tierra estaba desordenada y vacía, y las tinieblas estaban sobre la haz del abismo.\n");
        assertThat(Files.readString(out.resolve("valid.tsv"))).isEqualTo("A Psalm of David. LORD, how are they "
                + "increased that trouble me!\tSalmo de David. ¡OH Jehová, cuánto se han multiplicado mis enemigos!\n");
        assertThat(Files.readString(out.resolve("test.tsv"))).isEqualTo("And God called the light Day, and the "
                + "darkness he called Night.\tY llamó Dios á la luz Día, y á las tinieblas llamó Noche.\n");
    }

    @Test
    void withoutMod2impItSaysWhatToInstallAndExits2(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("corpus");
        CommandResult r = run(Files.createDirectories(dir.resolve("empty")), "data", "prepare", "bible-en-es", "--out",
                out.toString());
        assertThat(r.status()).isEqualTo(2);
        assertThat(r.err()).startsWith("ablate: bible-en-es is built from public-domain Bibles packaged by "
                + "Debian, and mod2imp (libsword-utils) is not on PATH.")
                .endsWith(System.lineSeparator() + "  apt-get install -y sword-text-kjv sword-text-sparv libsword-utils"
                        + System.lineSeparator())
                .doesNotContain("\tat ");
        assertThat(out).doesNotExist();
    }

    @Test
    void aMissingModuleNamesItsPackageOnly(@TempDir Path dir) throws Exception {
        Path bin = fakeSword(dir);
        Files.delete(dir.resolve("rv.imp"));
        CommandResult r = run(bin, "data", "prepare", "bible-en-es", "--out", dir.resolve("corpus").toString());
        assertThat(r.status()).isEqualTo(2);
        assertThat(r.err()).contains("the SWORD module spaRV1909eb is not installed")
                .contains("  apt-get install -y sword-text-sparv" + System.lineSeparator());
        assertThat(dir.resolve("corpus")).doesNotExist();
    }

    @Test
    void installRunsAptGetAsRootAndRefusesOtherwise(@TempDir Path dir) throws Exception {
        Path bin = fakeSword(dir);
        Path mod2imp = bin.resolve("mod2imp");
        Files.move(mod2imp, dir.resolve("mod2imp.installed"));
        // The fake apt-get "installs" mod2imp.
        script(bin, "apt-get", "echo \"Setting up $*\"; cp '" + dir.resolve("mod2imp.installed") + "' '" + mod2imp + "'");
        Path out = dir.resolve("corpus");
        CommandResult r = run(bin, "data", "prepare", "bible-en-es", "--out", out.toString(), "--install");
        if (AptGet.runningAsRoot()) {
            assertThat(r.status()).as(r.err()).isZero();
            assertThat(r.out()).startsWith(String.join(System.lineSeparator(),
                    "ablate: apt-get install -y sword-text-kjv sword-text-sparv libsword-utils",
                    "Setting up install -y sword-text-kjv sword-text-sparv libsword-utils",
                    "bible-en-es: 5 verses"));
            assertThat(out.resolve("train.tsv")).exists();
        } else {
            assertThat(r.status()).isEqualTo(2);
            assertThat(r.err()).contains("--install runs apt-get, which needs root")
                    .contains("sudo apt-get install -y sword-text-kjv sword-text-sparv libsword-utils");
            assertThat(out).doesNotExist();
        }
    }

    @Test
    void anUnknownCorpusIsStatus2WithASuggestion(@TempDir Path dir) {
        CommandResult r = run(dir, "data", "prepare", "bible-en-fr");
        assertThat(r.status()).isEqualTo(2);
        assertThat(r.err()).isEqualTo("ablate: unknown corpus 'bible-en-fr'; known: bible-en-es. Did you mean "
                + "'bible-en-es'?" + System.lineSeparator());
    }

    @Test
    void helpDescribesTheCorpusAndTheSplit(@TempDir Path dir) {
        CommandResult data = run(dir, "data", "--help");
        assertThat(data.out()).contains("prepare").contains("Build a corpus");
        CommandResult prepare = run(dir, "data", "prepare", "--help");
        assertThat(prepare.status()).isZero();
        assertThat(prepare.out()).contains("bible-en-es", "--out=DIR", "--install", "SHA-256", "modulo 30",
                "(3.3% each", "Exit status");
    }

    /** A bin folder with a fake mod2imp serving {@code kjv.imp} and {@code rv.imp} from {@code dir}. */
    private static Path fakeSword(Path dir) throws IOException {
        Files.writeString(dir.resolve("kjv.imp"), KJV);
        Files.writeString(dir.resolve("rv.imp"), RV);
        Path bin = Files.createDirectories(dir.resolve("bin"));
        script(bin, "mod2imp", """
                case "$1" in
                  engKJV2006eb) file='%s' ;;
                  spaRV1909eb) file='%s' ;;
                  *) file=none ;;
                esac
                if [ -f "$file" ]; then cat "$file"; else echo "mod2imp: Couldn't find module: $1"; exit 255; fi
                """.formatted(dir.resolve("kjv.imp"), dir.resolve("rv.imp")));
        return bin;
    }

    private static void script(Path dir, String name, String body) throws IOException {
        Path file = dir.resolve(name);
        // The scripts find cat and cp where a shell would; ablate searches only the PATH it is given.
        Files.writeString(file, "#!/bin/sh\nPATH=/usr/bin:/bin\n" + body + "\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
}
