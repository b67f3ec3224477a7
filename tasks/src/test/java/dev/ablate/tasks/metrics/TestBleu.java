package dev.ablate.tasks.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.ablate.core.error.UserException;
import java.util.List;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

/**
 * Corpus BLEU against hand-worked cases and numbers from sacrebleu 2.6.0. "From sacreBLEU" values
 * were computed with {@code b = sacrebleu.corpus_bleu(hyps, [refs])} (all defaults) and read from
 * {@code b.score}, {@code b.precisions}, {@code b.bp}, {@code b.ratio}, {@code b.sys_len},
 * {@code b.ref_len} and {@code str(b)}.
 */
final class TestBleu {

    /** Java's exp and log may differ from Python's in the last bit. */
    private static final Offset<Double> CLOSE = within(1e-9);

    @Test
    void handWorkedSentenceWithExpSmoothing() {
        // hyp: the cat sat on the mat   ref: the cat is on the mat   (6 tokens each, BP = 1)
        // 1-grams: the x2 (ref has 2), cat, on, mat match; sat doesn't        -> 5/6
        // 2-grams: the cat, on the, the mat match; cat sat, sat on don't      -> 3/5
        // 3-grams: on the mat matches; the cat sat, cat sat on, sat on the don't -> 1/4
        // 4-grams: none of 3 match; the first order without a match is smoothed to 1/(2*3)
        // BLEU = (5/6 * 3/5 * 1/4 * 1/6)^(1/4) = (1/48)^(1/4) = 0.379918
        BleuScore b = Bleu.corpusScore(List.of("the cat sat on the mat"), List.of("the cat is on the mat"));

        assertThat(b.precisions()).containsExactly(
                new double[] {100.0 * 5 / 6, 60.0, 25.0, 100.0 / 6}, within(1e-12));
        assertThat(b.score()).isCloseTo(100 * Math.pow(1.0 / 48, 0.25), CLOSE);
        // From sacreBLEU:
        assertThat(b.score()).isCloseTo(37.99178428257963, CLOSE);
        assertThat(b.brevityPenalty()).isEqualTo(1.0);
        assertThat(b.ratio()).isEqualTo(1.0);
        assertThat(b.hypothesisLength()).isEqualTo(6);
        assertThat(b.referenceLength()).isEqualTo(6);
        assertThat(b).hasToString(
                "BLEU = 37.99 83.3/60.0/25.0/16.7 (BP = 1.000 ratio = 1.000 hyp_len = 6 ref_len = 6)");
    }

    @Test
    void handWorkedBrevityPenalty() {
        // Every n-gram of the 6-token hypothesis is in the 9-token reference, so only the brevity
        // penalty counts: exp(1 - 9/6) = exp(-0.5). From sacreBLEU: 60.653065971263366.
        BleuScore b = Bleu.corpusScore(
                List.of("the cat sat on the mat"), List.of("the cat sat on the mat with a hat"));

        assertThat(b.precisions()).containsExactly(100.0, 100.0, 100.0, 100.0);
        assertThat(b.brevityPenalty()).isCloseTo(Math.exp(-0.5), CLOSE);
        assertThat(b.score()).isCloseTo(60.653065971263366, CLOSE);
        assertThat(b.ratio()).isCloseTo(6.0 / 9, CLOSE);
    }

    @Test
    void perfectMatchIs100() {
        BleuScore b = Bleu.corpusScore(
                List.of("The quick brown fox jumps over the lazy dog.", "a b c d"),
                List.of("The quick brown fox jumps over the lazy dog.", "a b c d"));
        assertThat(b.score()).isCloseTo(100.0, CLOSE);
        assertThat(b.signature()).isEqualTo("nrefs:1|case:mixed|eff:no|tok:13a|smooth:exp|version:2.6.0");
    }

    @Test
    void aCorpusWithoutFourGramsScoresZeroEvenWhenIdentical() {
        // Corpus BLEU has no effective order: a missing order makes the geometric mean 0.
        // From sacreBLEU: BLEU = 0.00 100.0/100.0/0.0/0.0 (BP = 1.000 ratio = 1.000 hyp_len = 2 ref_len = 2)
        BleuScore b = Bleu.corpusScore(List.of("a b"), List.of("a b"));
        assertThat(b.score()).isZero();
        assertThat(b.precisions()).containsExactly(100.0, 100.0, 0.0, 0.0);
    }

    @Test
    void emptyHypothesesScoreZeroWithoutAnError() {
        // From sacreBLEU: BLEU = 0.00 0.0/0.0/0.0/0.0 (BP = 0.000 ratio = 0.000 hyp_len = 0 ref_len = 4)
        BleuScore b = Bleu.corpusScore(List.of("", ""), List.of("a b c", "d"));
        assertThat(b.score()).isZero();
        assertThat(b.brevityPenalty()).isZero();
        assertThat(b.hypothesisLength()).isZero();
        assertThat(b.referenceLength()).isEqualTo(4);

        // Both sides empty: BLEU = 0.00 0.0/0.0/0.0/0.0 (BP = 1.000 ratio = 0.000 hyp_len = 0 ref_len = 0)
        BleuScore both = Bleu.corpusScore(List.of(""), List.of(""));
        assertThat(both).hasToString(
                "BLEU = 0.00 0.0/0.0/0.0/0.0 (BP = 1.000 ratio = 0.000 hyp_len = 0 ref_len = 0)");

        // An empty sentence in an otherwise scorable corpus contributes nothing.
        BleuScore mixed = Bleu.corpusScore(List.of("", "a b c d"), List.of("", "a b c d"));
        assertThat(mixed.score()).isCloseTo(100.0, CLOSE);
    }

    @Test
    void multiSentenceCorpusWithPunctuationAccentsAndEntities() {
        // From sacreBLEU, sacrebleu.corpus_bleu(hyps, [refs]) with these lists.
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
        BleuScore b = Bleu.corpusScore(hyps, refs);

        assertThat(b.score()).isCloseTo(48.5178409365039, CLOSE);
        assertThat(b.precisions()).containsExactly(new double[] {
                85.29411764705883, 63.333333333333336, 42.30769230769231, 27.272727272727273}, CLOSE);
        assertThat(b.brevityPenalty()).isCloseTo(0.9710165517924373, CLOSE);
        assertThat(b.ratio()).isCloseTo(0.9714285714285714, CLOSE);
        assertThat(b.hypothesisLength()).isEqualTo(34);
        assertThat(b.referenceLength()).isEqualTo(35);
        assertThat(b).hasToString(
                "BLEU = 48.52 85.3/63.3/42.3/27.3 (BP = 0.971 ratio = 0.971 hyp_len = 34 ref_len = 35)");
    }

    @Test
    void shortHypothesesArePenalized() {
        // From sacreBLEU, sacrebleu.corpus_bleu(
        //     ["The cat sat.", "Short one."],
        //     [["The cat sat on the mat all day long.", "This is a rather longer reference sentence."]])
        BleuScore b = Bleu.corpusScore(
                List.of("The cat sat.", "Short one."),
                List.of("The cat sat on the mat all day long.", "This is a rather longer reference sentence."));
        assertThat(b.score()).isCloseTo(9.704706801896139, CLOSE);
        assertThat(b.brevityPenalty()).isCloseTo(0.2077481871436008, CLOSE);
        assertThat(b.hypothesisLength()).isEqualTo(7);
        assertThat(b.referenceLength()).isEqualTo(18);
    }

    @Test
    void emojiAndCombiningAccentsAreComparedAsWritten() {
        // From sacreBLEU, sacrebleu.corpus_bleu(["I ❤ 😀 you 😀😀", "naïve café"],
        //     [["I ❤ you 😀😀😀", "naive cafe\u0301"]]): no Unicode normalization, so "café" (é as
        //     one code point) and "cafe\u0301" differ.
        BleuScore b = Bleu.corpusScore(
                List.of("I ❤ 😀 you 😀😀", "naïve café"), List.of("I ❤ you 😀😀😀", "naive cafe\u0301"));
        assertThat(b.score()).isCloseTo(20.556680845025987, CLOSE);
        assertThat(b.ratio()).isCloseTo(7.0 / 6, CLOSE);
    }

    @Test
    void aLengthMismatchIsAUserErrorNamingBothCounts() {
        assertThatThrownBy(() -> Bleu.corpusScore(List.of("a", "b", "c"), List.of("a", "b")))
                .isInstanceOf(UserException.class)
                .hasMessage("BLEU: 3 hypotheses but 2 references;"
                        + " each hypothesis needs exactly one reference, in the same order");
        assertThatThrownBy(() -> Bleu.corpusScore(List.of("a"), List.of("a", "b")))
                .isInstanceOf(UserException.class)
                .hasMessageContaining("1 hypothesis but 2 references");
    }

    @Test
    void anEmptyCorpusIsAUserError() {
        // sacreBLEU itself refuses too (IndexError from its API, "contains no sentence" from its CLI).
        assertThatThrownBy(() -> Bleu.corpusScore(List.of(), List.of()))
                .isInstanceOf(UserException.class)
                .hasMessageContaining("the corpus is empty");
    }

    @Test
    void theScoreIsAValue() {
        BleuScore a = Bleu.corpusScore(List.of("the cat sat on the mat"), List.of("the cat is on the mat"));
        BleuScore b = Bleu.corpusScore(List.of("the cat sat on the mat"), List.of("the cat is on the mat"));
        assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
        a.precisions()[0] = -1;
        assertThat(a.precisions()[0]).isCloseTo(100.0 * 5 / 6, CLOSE);
    }
}
