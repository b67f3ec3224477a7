package dev.ablate.tasks.corpus;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** mod2imp's dump format: headers, entries over several lines, entries that are not verses. */
final class TestImpReader {

    @Test
    void readsVersesInOrderAndSkipsHeadingsIntroductionsAndChapterHeadings() {
        String imp = """
                $$$[ Module Heading ]

                $$$[ Testament 1 Heading ]
                <milestone type="x-importer" subType="x-osis2mod" n="$Rev: 3769 $"/>
                $$$Genesis 0:0
                <div canonical="true" osisID="Gen" type="book"/> <title type="main">Genesis</title>
                $$$Genesis 1:0
                <chapter n="1" osisID="Gen.1" sID="Gen.1"/>
                $$$Genesis 1:1
                In the beginning
                God created the heaven and the earth.
                $$$Song of Solomon 2:3
                As the apple tree
                $$$I Kings 3:4
                And the king went to Gibeon
                $$$Jonah 1:17
                <chapter eID="Jonah.1"/>
                """;
        List<Verse> verses = ImpReader.read(imp);
        assertThat(verses).containsExactly(
                new Verse("Genesis", 1, 1, "In the beginning\nGod created the heaven and the earth."),
                new Verse("Song of Solomon", 2, 3, "As the apple tree"),
                new Verse("I Kings", 3, 4, "And the king went to Gibeon"),
                new Verse("Jonah", 1, 17, "<chapter eID=\"Jonah.1\"/>"));
        assertThat(verses.get(1).reference()).isEqualTo("Song of Solomon 2:3");
        assertThat(verses.get(1).chapterReference()).isEqualTo("Song of Solomon 2");
    }

    @Test
    void anEmptyEntryIsAnEmptyVerseAndWindowsLineEndsAreRead() {
        assertThat(ImpReader.read("$$$Acts 19:41\r\n$$$Acts 20:1\r\nAnd after the uproar\r\n"))
                .containsExactly(new Verse("Acts", 19, 41, ""), new Verse("Acts", 20, 1, "And after the uproar"));
        assertThat(ImpReader.read("")).isEmpty();
    }
}
