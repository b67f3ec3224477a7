package dev.ablate.tasks.corpus;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Pairing by reference, and finding the chapters the second side numbers differently. */
final class TestVerseAlignment {

    @Test
    void pairsInTheFirstSidesOrderWithMissingVersesEmpty() {
        List<Verse> first = List.of(v("Jonah", 1, 16, "a"), v("Jonah", 1, 17, "b"), v("Jonah", 2, 1, "c"));
        List<Verse> second = List.of(v("Jonah", 2, 1, "C"), v("Jonah", 1, 16, "A"), v("Jonah", 2, 11, "D"));
        assertThat(VerseAlignment.pair(first, second)).containsExactly(
                new VerseAlignment.Pair("Jonah 1:16", "Jonah 1", "a", "A"),
                new VerseAlignment.Pair("Jonah 1:17", "Jonah 1", "b", ""),
                new VerseAlignment.Pair("Jonah 2:1", "Jonah 2", "c", "C"),
                new VerseAlignment.Pair("Jonah 2:11", "Jonah 2", "", "D"));
    }

    @Test
    void findsTheChapterAVerseLeftAndTheChapterShiftedAfterIt() {
        // 40 chapters of 20 verses; the second side is 0.9 times as long, give or take 15%.
        Random random = new Random(7);
        List<List<Integer>> lengths = new ArrayList<>();
        for (int c = 0; c < 40; c++) {
            List<Integer> chapter = new ArrayList<>();
            for (int v = 0; v < 20; v++) {
                chapter.add(20 + random.nextInt(180));
            }
            lengths.add(chapter);
        }
        List<VerseAlignment.Pair> pairs = new ArrayList<>();
        for (int c = 0; c < 40; c++) {
            for (int v = 0; v < 20; v++) {
                int first = lengths.get(c).get(v);
                int source = first; // the length of the verse the second side holds here
                if (c == 5 && v == 19) {
                    source = 0; // the verse moved into chapter 7 ("Jonah 1:17")
                } else if (c == 6) {
                    // Chapter 7 is one verse off: its verse 1 is chapter 6's last; its last verse holds two.
                    source = v == 0 ? lengths.get(5).get(19)
                            : v == 19 ? lengths.get(6).get(18) + lengths.get(6).get(19) : lengths.get(6).get(v - 1);
                } else if (c == 20 && v >= 8) {
                    // A split verse shifts the rest of chapter 21 by one, the last two merged.
                    source = v == 19 ? lengths.get(20).get(18) + lengths.get(20).get(19) : lengths.get(20).get(v - 1);
                } else if (c == 30) {
                    source = first * 3; // other text altogether
                }
                int second = source == 0 ? 0 : (int) Math.round(source * 0.9 * (0.85 + 0.3 * random.nextDouble()));
                pairs.add(new VerseAlignment.Pair("Book " + (c + 1) + ":" + (v + 1), "Book " + (c + 1),
                        "e".repeat(first), "s".repeat(second)));
            }
        }
        assertThat(VerseAlignment.misnumbered(pairs)).containsExactly("Book 6", "Book 7", "Book 21", "Book 31");
    }

    @Test
    void theFixturesJonahAndActsAreMisnumbered() {
        List<VerseAlignment.Pair> pairs = VerseAlignment.pair(plain(BibleFixture.KJV), plain(BibleFixture.RV));
        assertThat(VerseAlignment.misnumbered(pairs)).containsExactly("Jonah 1", "Jonah 2", "Acts 19");
        double median = VerseAlignment.medianLogRatio(pairs);
        assertThat(VerseAlignment.shiftGain(VerseAlignment.chapters(pairs).get("Jonah 2"), median))
                .isGreaterThan(VerseAlignment.SHIFT_GAIN);
        assertThat(VerseAlignment.shiftGain(VerseAlignment.chapters(pairs).get("Genesis 1"), median))
                .isLessThan(VerseAlignment.SHIFT_GAIN);
    }

    @Test
    void nothingIsMisnumberedWhenEverythingPairs() {
        List<VerseAlignment.Pair> pairs = List.of(
                new VerseAlignment.Pair("A 1:1", "A 1", "one two three", "uno dos tres"),
                new VerseAlignment.Pair("A 1:2", "A 1", "four", "cuatro"));
        assertThat(VerseAlignment.misnumbered(pairs)).isEmpty();
        assertThat(VerseAlignment.misnumbered(List.of())).isEmpty();
    }

    private static List<Verse> plain(String imp) {
        return ImpReader.read(imp).stream()
                .map(v -> new Verse(v.book(), v.chapter(), v.verse(), OsisText.plain(v.text())))
                .toList();
    }

    private static Verse v(String book, int chapter, int verse, String text) {
        return new Verse(book, chapter, verse, text);
    }
}
