package dev.ablate.tasks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ablate.tasks.BytePairEncoding.Merge;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

final class TestBytePairEncoding {

    private static final String W = BytePairEncoding.WORD_START;

    /** Sennrich et al.'s example corpus: low ×5, lower ×2, newest ×6, widest ×3. */
    private static final List<String> CORPUS = List.of(
            "low low low low low", "lower lower", "newest newest newest newest newest newest", "widest widest widest");

    /**
     * Worked by hand. Words are ▁low ×5, ▁lower ×2, ▁newest ×6, ▁widest ×3. Pair counts: es 9, st 9,
     * we 8, ▁l lo ow 7, ... so e+s first (tie with s+t: "e" < "s"); then es+t (9); then the 7s
     * l+o, lo+w, ▁+low (U+2581 sorts after every letter); then the 6s of newest in string order
     * e+w, ew+est, n+ewest, ▁+newest; then the 3s of widest d+est, i+dest, w+idest, ▁+widest; then
     * the 2s of lower e+r, ▁low+er. No pair is left twice after that.
     */
    private static final List<Merge> ALL_MERGES = List.of(
            new Merge("e", "s"), new Merge("es", "t"), new Merge("l", "o"), new Merge("lo", "w"), new Merge(W, "low"),
            new Merge("e", "w"), new Merge("ew", "est"), new Merge("n", "ewest"), new Merge(W, "newest"),
            new Merge("d", "est"), new Merge("i", "dest"), new Merge("w", "idest"), new Merge(W, "widest"),
            new Merge("e", "r"), new Merge(W + "low", "er"));

    @Test
    void alphabetIsTheCharactersMostFrequentFirst() {
        // e 17; w 16 and ▁ 16 (ties in string order); s 9, t 9; l 7, o 7; n 6; d 3, i 3; r 2
        assertThat(BytePairEncoding.learn(CORPUS, 1).alphabet())
                .containsExactly("e", "w", W, "s", "t", "l", "o", "n", "d", "i", "r");
        assertThat(BytePairEncoding.learn(CORPUS, 1).merges()).isEmpty();
    }

    @Test
    void learnsTheHandWorkedMergesUpToTheVocabularySize() {
        BytePairEncoding bpe = BytePairEncoding.learn(CORPUS, 20);
        assertThat(bpe.merges()).isEqualTo(ALL_MERGES.subList(0, 9));
        assertThat(bpe.symbols()).hasSize(20).endsWith("es", "est", "lo", "low", W + "low", "ew", "ewest", "newest", W + "newest");
    }

    @Test
    void stopsWhenNoPairOccursTwice() {
        assertThat(BytePairEncoding.learn(CORPUS, 1000).merges()).isEqualTo(ALL_MERGES);
    }

    @Test
    void segmentsByMergeRankAndJoinsBack() {
        BytePairEncoding bpe = BytePairEncoding.learn(CORPUS, 20);
        // ▁ l o w e s t: e+s (rank 0), es+t, l+o, lo+w, ▁+low
        assertThat(bpe.segment("lowest")).containsExactly(W + "low", "est");
        // ▁ n e w e r: only e+w applies (n+ew is not a merge; n+ewest is)
        assertThat(bpe.segment("newer")).containsExactly(W, "n", "ew", "e", "r");
        // an unseen character stays a symbol of its own
        assertThat(bpe.segment("  zest\t")).containsExactly(W, "z", "est");
        assertThat(BytePairEncoding.join(bpe.segment(" lowest  newer\n zest"))).isEqualTo("lowest newer zest");
        assertThat(bpe.segment("")).isEmpty();
    }

    @Test
    void mergesDependOnTheTextsAloneNotTheirOrder() {
        List<String> texts = randomTexts(new Random(7), 300);
        List<String> shuffled = new ArrayList<>(texts);
        Collections.shuffle(shuffled, new Random(8));
        assertThat(BytePairEncoding.learn(shuffled, 120)).isEqualTo(BytePairEncoding.learn(texts, 120));
    }

    @Test
    void incrementalCountsGiveTheMergesOfRecountingEveryStep() {
        Random random = new Random(3);
        for (int trial = 0; trial < 5; trial++) {
            List<String> texts = randomTexts(random, 200);
            int size = 40 + random.nextInt(150);
            assertThat(BytePairEncoding.learn(texts, size).merges())
                    .as("trial %d, vocabulary %d", trial, size)
                    .isEqualTo(naiveMerges(texts, size));
        }
    }

    @Test
    void rejectsABadSize() {
        assertThatThrownBy(() -> BytePairEncoding.learn(CORPUS, 0)).hasMessageContaining("vocabularySize must be >= 1");
    }

    /** Words over a small alphabet with repeated stems, so merges chain and counts tie often. */
    private static List<String> randomTexts(Random random, int count) {
        String[] stems = {"ab", "aba", "ca", "bcb", "aac", "d", "bd"};
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            StringBuilder text = new StringBuilder();
            int words = 1 + random.nextInt(6);
            for (int w = 0; w < words; w++) {
                int parts = 1 + random.nextInt(3);
                for (int p = 0; p < parts; p++) {
                    text.append(stems[random.nextInt(stems.length)]);
                }
                text.append(' ');
            }
            texts.add(text.toString());
        }
        return texts;
    }

    /** The textbook loop: recount every adjacent pair of every word before each merge. */
    private static List<Merge> naiveMerges(List<String> texts, int vocabularySize) {
        Map<List<String>, Long> words = new HashMap<>();
        java.util.Set<String> symbols = new java.util.HashSet<>();
        for (String text : texts) {
            for (String word : text.trim().split(" +")) {
                List<String> chars = (W + word).codePoints().mapToObj(Character::toString).toList();
                symbols.addAll(chars);
                words.merge(chars, 1L, Long::sum);
            }
        }
        List<Merge> merges = new ArrayList<>();
        while (symbols.size() < vocabularySize) {
            Map<Merge, Long> counts = new HashMap<>();
            words.forEach((word, n) -> {
                for (int i = 0; i + 1 < word.size(); i++) {
                    counts.merge(new Merge(word.get(i), word.get(i + 1)), n, Long::sum);
                }
            });
            Merge best = null;
            long bestCount = 1;
            for (Map.Entry<Merge, Long> e : counts.entrySet()) {
                Merge m = e.getKey();
                long c = e.getValue();
                if (c > bestCount || (c == bestCount && best != null && (m.left().compareTo(best.left()) < 0
                        || (m.left().equals(best.left()) && m.right().compareTo(best.right()) < 0)))) {
                    best = m;
                    bestCount = c;
                }
            }
            if (best == null) {
                break;
            }
            merges.add(best);
            symbols.add(best.merged());
            Map<List<String>, Long> next = new HashMap<>();
            for (Map.Entry<List<String>, Long> e : words.entrySet()) {
                List<String> word = e.getKey();
                List<String> merged = new ArrayList<>();
                for (int i = 0; i < word.size(); i++) {
                    if (i + 1 < word.size() && word.get(i).equals(best.left()) && word.get(i + 1).equals(best.right())) {
                        merged.add(best.merged());
                        i++;
                    } else {
                        merged.add(word.get(i));
                    }
                }
                next.merge(merged, e.getValue(), Long::sum);
            }
            words = next;
        }
        return merges;
    }
}
