package dev.ablate.tasks.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.ablate.core.error.UserException;
import java.util.List;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

/**
 * Corpus chrF against hand-worked cases and numbers from sacrebleu 2.6.0. "From sacreBLEU" values
 * were computed with {@code sacrebleu.corpus_chrf(hyps, [refs]).score} (all defaults).
 */
final class TestChrf {

    /** Floating-point summation order is the same as sacreBLEU's; allow for the last bit anyway. */
    private static final Offset<Double> CLOSE = within(1e-9);

    @Test
    void handWorkedCaseWithWhitespaceRemoved() {
        // hyp "ab c" -> "abc", ref "a bd" -> "abd" (whitespace removed before taking n-grams)
        // n=1: a b c vs a b d       -> 2 matches of 3 hyp, 3 ref
        // n=2: ab bc vs ab bd       -> 1 of 2, 2
        // n=3: abc vs abd           -> 0 of 1, 1
        // n=4..6: neither side has any, so these orders are left out of the averages
        // P = R = (2/3 + 1/2 + 0) / 3 = 7/18; with P = R, F2 = 5PR / (4P + R) = P
        ChrfScore c = Chrf.corpusScore(List.of("ab c"), List.of("a bd"));
        assertThat(c.score()).isCloseTo(100.0 * 7 / 18, CLOSE);
        // From sacreBLEU:
        assertThat(c.score()).isCloseTo(38.888888888888886, CLOSE);
        assertThat(c).hasToString("chrF2 = 38.89");
    }

    @Test
    void handWorkedCaseWhereTheReferenceIsTooShortForAnOrder() {
        // hyp "abcd", ref "ab"
        // n=1: a b c d vs a b  -> 2 matches of 4 hyp, 2 ref
        // n=2: ab bc cd vs ab  -> 1 of 3, 1
        // n=3: the reference has no 3-grams, so sacreBLEU does not count the hypothesis' 2 either
        // P = (2/4 + 1/3) / 2 = 5/12, R = (1 + 1) / 2 = 1
        // F2 = 5 * 5/12 * 1 / (4 * 5/12 + 1) = 25/32
        ChrfScore c = Chrf.corpusScore(List.of("abcd"), List.of("ab"));
        assertThat(c.score()).isCloseTo(100.0 * 25 / 32, CLOSE);
        // From sacreBLEU:
        assertThat(c.score()).isCloseTo(78.12499999999999, CLOSE);
    }

    @Test
    void perfectMatchIs100() {
        ChrfScore c = Chrf.corpusScore(
                List.of("The quick brown fox jumps over the lazy dog.", "a b"),
                List.of("The quick brown fox jumps over the lazy dog.", "a b"));
        assertThat(c.score()).isCloseTo(100.0, CLOSE);
        assertThat(c.signature()).isEqualTo("nrefs:1|case:mixed|eff:yes|nc:6|nw:0|space:no|version:2.6.0");
    }

    @Test
    void spacingDoesNotMatter() {
        ChrfScore c = Chrf.corpusScore(List.of("thecat\u00a0 sat"), List.of("the cat sat"));
        assertThat(c.score()).isCloseTo(100.0, CLOSE);
    }

    @Test
    void emptyHypothesesScoreZeroWithoutAnError() {
        // From sacreBLEU: 0.0 for each.
        assertThat(Chrf.corpusScore(List.of("", ""), List.of("a b c", "d")).score()).isZero();
        assertThat(Chrf.corpusScore(List.of("a b c"), List.of("")).score()).isZero();
        assertThat(Chrf.corpusScore(List.of(""), List.of("")).score()).isZero();
        // An empty pair in an otherwise scorable corpus contributes nothing (from sacreBLEU: 100.0).
        assertThat(Chrf.corpusScore(List.of("", "the cat"), List.of("", "the cat")).score())
                .isCloseTo(100.0, CLOSE);
    }

    @Test
    void fromSacreBleu() {
        // sacrebleu.corpus_chrf(hyps, [refs]).score for each pair of lists below.
        assertThat(Chrf.corpusScore(List.of("the cat sat on the mat"), List.of("the cat is on the mat")).score())
                .isCloseTo(64.5779420625287, CLOSE);
        assertThat(Chrf.corpusScore(
                List.of("the cat sat on the mat"), List.of("the cat sat on the mat with a hat")).score())
                .isCloseTo(69.18605924036304, CLOSE);
        assertThat(Chrf.corpusScore(
                List.of("The cat sat.", "Short one."),
                List.of("The cat sat on the mat all day long.", "This is a rather longer reference sentence."))
                .score())
                .isCloseTo(15.66449513825037, CLOSE);
    }

    @Test
    void multiSentenceCorpusWithPunctuationAccentsAndEntities() {
        // From sacreBLEU, sacrebleu.corpus_chrf(hyps, [refs]) with these lists: 70.76972592645846.
        // chrF does not decode "&quot;": that is the BLEU tokenizer's doing.
        List<String> hyps = List.of(
                "¿Dónde está la estación?",
                "The quick brown fox jumps over the lazy dog.",
                "It costs $1,000.50 -- or so, they said!",
                "He said &quot;hello&quot; & left.");
        List<String> refs = List.of(
                "¿Dónde está la estación de tren?",
                "A quick brown fox jumped over the lazy dog.",
                "It costs $1,000.50, or so they said.",
                "He said \"hello\" and left.");
        assertThat(Chrf.corpusScore(hyps, refs).score()).isCloseTo(70.76972592645846, CLOSE);
    }

    @Test
    void charactersAreCodePoints() {
        // From sacreBLEU, sacrebleu.corpus_chrf(["I ❤ 😀 you 😀😀", "naïve café"],
        //     [["I ❤ you 😀😀😀", "naive cafe\u0301"]]).score: Python counts 😀 as one character.
        ChrfScore c = Chrf.corpusScore(
                List.of("I ❤ 😀 you 😀😀", "naïve café"), List.of("I ❤ you 😀😀😀", "naive cafe\u0301"));
        assertThat(c.score()).isCloseTo(40.89224619024177, CLOSE);
    }

    @Test
    void aLengthMismatchIsAUserErrorNamingBothCounts() {
        assertThatThrownBy(() -> Chrf.corpusScore(List.of("a"), List.of("a", "b", "c")))
                .isInstanceOf(UserException.class)
                .hasMessage("chrF: 1 hypothesis but 3 references;"
                        + " each hypothesis needs exactly one reference, in the same order");
    }

    @Test
    void anEmptyCorpusIsAUserError() {
        assertThatThrownBy(() -> Chrf.corpusScore(List.of(), List.of()))
                .isInstanceOf(UserException.class)
                .hasMessageContaining("the corpus is empty");
    }
}
