package dev.ablate.tasks.corpus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ablate.tasks.Split;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The whole corpus from the fixture's dumps: what is kept, where it goes, how it is written. */
final class TestBibleEnEs {

    @Test
    void writesTheKeptPairsSplitByReferenceInBibleOrder(@TempDir Path dir) throws Exception {
        Path folder = dir.resolve("data/bible-en-es");
        BibleEnEs.Summary summary = BibleEnEs.prepare(BibleFixture.dump(), folder);

        // Genesis 1:5 hashes to test, Psalms 3:1 to valid (see splitIsTheHashOfTheReference).
        String[] kept = BibleFixture.KEPT;
        assertThat(read(folder, "train.tsv"))
                .isEqualTo(String.join("\n", kept[0], kept[1], kept[2], kept[3], kept[6], kept[7]) + "\n");
        assertThat(read(folder, "valid.tsv")).isEqualTo(kept[5] + "\n");
        assertThat(read(folder, "test.tsv")).isEqualTo(kept[4] + "\n");

        assertThat(summary.shared()).isEqualTo(21);
        assertThat(summary.oneSided()).isEqualTo(2); // Jonah 1:17 empty in RV, Acts 19:41 missing from its dump
        assertThat(summary.dropped()).containsExactly("Jonah 1", "Jonah 2", "Acts 19");
        assertThat(summary.droppedPairs()).isEqualTo(13);
        assertThat(summary.pairs()).containsExactlyInAnyOrderEntriesOf(
                Map.of(Split.TRAIN, 6, Split.VALID, 1, Split.TEST, 1));
        assertThat(summary.written()).isEqualTo(8);
        assertThat(summary.englishChars()).isEqualTo(average(kept, 0));
        assertThat(summary.spanishChars()).isEqualTo(average(kept, 1));
        assertThat(summary.folder()).isEqualTo(folder);
        // Written atomically: nothing but the three files is left behind.
        try (Stream<Path> files = Files.list(folder)) {
            assertThat(files.map(p -> p.getFileName().toString()))
                    .containsExactlyInAnyOrder("train.tsv", "valid.tsv", "test.tsv");
        }
    }

    @Test
    void theSameInputGivesTheSameFilesAndOverwritesOldOnes(@TempDir Path dir) throws Exception {
        Path a = dir.resolve("a");
        Path b = dir.resolve("b");
        BibleEnEs.prepare(BibleFixture.dump(), a);
        Files.createDirectories(b);
        Files.writeString(b.resolve("train.tsv"), "an old line\n");
        BibleEnEs.prepare(BibleFixture.dump(), b);
        for (Split s : Split.values()) {
            assertThat(Files.readAllBytes(b.resolve((s.label() + ".tsv")))).isEqualTo(Files.readAllBytes(a.resolve((s.label() + ".tsv"))));
        }
    }

    @Test
    void splitIsTheHashOfTheReference() {
        // From Python: int(hashlib.sha256(ref.encode()).hexdigest(), 16) % 30
        assertThat(BibleEnEs.split("Genesis 2:8")).isEqualTo(Split.VALID); // 0
        assertThat(BibleEnEs.split("Psalms 3:1")).isEqualTo(Split.VALID); // 0
        assertThat(BibleEnEs.split("Genesis 1:5")).isEqualTo(Split.TEST); // 1
        assertThat(BibleEnEs.split("Genesis 1:1")).isEqualTo(Split.TRAIN); // 13
        assertThat(BibleEnEs.split("John 3:16")).isEqualTo(Split.TRAIN); // 27
    }

    @Test
    void aboutOneVerseIn30GoesToEachOfValidAndTest() {
        // 31,000 references of the Bible's shape; each split count is binomial(31000, 1/30): 1,033 ± 32.
        Map<Split, Integer> counts = new EnumMap<>(Split.class);
        for (int chapter = 1; chapter <= 1000; chapter++) {
            for (int verse = 1; verse <= 31; verse++) {
                counts.merge(BibleEnEs.split("Book " + (chapter % 50) + " " + chapter + ":" + verse), 1, Integer::sum);
            }
        }
        assertThat(counts.get(Split.VALID)).isBetween(910, 1160);
        assertThat(counts.get(Split.TEST)).isBetween(910, 1160);
        assertThat(counts.get(Split.TRAIN)).isEqualTo(31_000 - counts.get(Split.VALID)
                - counts.get(Split.TEST));
    }

    @Test
    void missingModulesNameTheirPackagesAndWriteNothing(@TempDir Path dir) {
        ModuleDump englishOnly = BibleFixture.dump(Map.of(BibleEnEs.ENGLISH, BibleFixture.KJV));
        assertThatThrownBy(() -> BibleEnEs.prepare(englishOnly, dir.resolve("out")))
                .isInstanceOfSatisfying(MissingPackagesException.class, e -> {
                    assertThat(e.packages()).containsExactly("sword-text-sparv");
                    assertThat(e.getMessage()).contains("the SWORD module spaRV1909eb is not installed")
                            .endsWith("\n  apt-get install -y sword-text-sparv".replace("\n", System.lineSeparator()));
                });
        assertThatThrownBy(() -> BibleEnEs.prepare(BibleFixture.dump(Map.of()), dir.resolve("out")))
                .isInstanceOfSatisfying(MissingPackagesException.class, e -> assertThat(e.packages())
                        .containsExactly("sword-text-kjv", "sword-text-sparv"))
                .hasMessageContaining("engKJV2006eb and spaRV1909eb are not installed");
        assertThat(dir.resolve("out")).doesNotExist();
        assertThat(BibleEnEs.toolMissing().packages()).containsExactly("sword-text-kjv", "sword-text-sparv", "libsword-utils");
        assertThat(BibleEnEs.toolMissing().getMessage()).contains("mod2imp (libsword-utils) is not on PATH")
                .contains("apt-get install -y sword-text-kjv sword-text-sparv libsword-utils");
    }

    private static String read(Path folder, String name) throws Exception {
        return Files.readString(folder.resolve(name), StandardCharsets.UTF_8);
    }

    private static double average(String[] lines, int column) {
        return List.of(lines).stream().mapToInt(l -> l.split("\t")[column].length()).average().orElseThrow();
    }
}
