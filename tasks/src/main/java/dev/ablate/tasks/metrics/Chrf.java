package dev.ablate.tasks.metrics;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Corpus-level chrF (Popović, 2015) exactly as {@code sacrebleu.corpus_chrf} computes it with its
 * defaults in sacrebleu 2.6.0: character n-grams of orders 1 to 6, no word n-grams (so chrF, not
 * chrF++), beta = 2, case kept, whitespace removed before the n-grams are taken, and sacreBLEU's
 * default "effective order" averaging ({@code eps_smoothing=False}, shown as {@code eff:yes} in the
 * signature). One reference per hypothesis.
 *
 * <p>Statistics are summed over the corpus per order; then the precision and recall are each averaged
 * over the orders where both the hypotheses and the references have n-grams, and combined into one
 * F-beta score. Orders absent from the data therefore don't drag the score down.
 */
public final class Chrf {

    /** sacreBLEU's signature for these settings. */
    public static final String SIGNATURE =
            "nrefs:1|case:mixed|eff:yes|nc:6|nw:0|space:no|version:" + Corpus.SACREBLEU_VERSION;

    /** The highest character n-gram order. */
    public static final int CHAR_ORDER = 6;

    /** Recall weighs BETA times as much as precision. */
    public static final int BETA = 2;

    private Chrf() {}

    /**
     * Scores {@code hypotheses} against {@code references}, the i-th reference belonging to the i-th
     * hypothesis. Empty strings are fine; a corpus of them scores 0.
     *
     * @throws dev.ablate.core.error.UserException when the two lists differ in length or are empty
     */
    public static ChrfScore corpusScore(List<String> hypotheses, List<String> references) {
        Corpus.requireParallel("chrF", hypotheses, references);
        // Per order (index n-1): hypothesis n-grams, reference n-grams, matches.
        long[] hypTotal = new long[CHAR_ORDER];
        long[] refTotal = new long[CHAR_ORDER];
        long[] matches = new long[CHAR_ORDER];
        for (int i = 0; i < hypotheses.size(); i++) {
            int[] hyp = PyText.codePointsWithoutSpace(hypotheses.get(i));
            int[] ref = PyText.codePointsWithoutSpace(references.get(i));
            for (int n = 1; n <= CHAR_ORDER; n++) {
                Map<String, Integer> refCounts = ngrams(ref, n);
                Map<String, Integer> hypCounts = ngrams(hyp, n);
                long hypCount = 0;
                for (Map.Entry<String, Integer> e : hypCounts.entrySet()) {
                    hypCount += e.getValue();
                    matches[n - 1] += Math.min(e.getValue(), refCounts.getOrDefault(e.getKey(), 0));
                }
                // sacreBLEU does not count a sentence's hypothesis n-grams of an order its reference
                // is too short to have, so a short reference costs no precision.
                hypTotal[n - 1] += refCounts.isEmpty() ? 0 : hypCount;
                refTotal[n - 1] += Math.max(0, ref.length - n + 1);
            }
        }
        return new ChrfScore(fScore(hypTotal, refTotal, matches), SIGNATURE);
    }

    /** sacreBLEU's {@code CHRF._compute_f_score} with {@code eps_smoothing=False}. */
    private static double fScore(long[] hypTotal, long[] refTotal, long[] matches) {
        double factor = BETA * BETA;
        double avgPrecision = 0.0;
        double avgRecall = 0.0;
        int effectiveOrder = 0;
        for (int n = 0; n < CHAR_ORDER; n++) {
            if (hypTotal[n] > 0 && refTotal[n] > 0) {
                avgPrecision += (double) matches[n] / hypTotal[n];
                avgRecall += (double) matches[n] / refTotal[n];
                effectiveOrder++;
            }
        }
        if (effectiveOrder == 0) {
            return 0.0;
        }
        avgPrecision /= effectiveOrder;
        avgRecall /= effectiveOrder;
        if (avgPrecision + avgRecall == 0.0) {
            return 0.0;
        }
        double score = (1 + factor) * avgPrecision * avgRecall;
        score /= factor * avgPrecision + avgRecall;
        return 100 * score;
    }

    /** Counts of the character n-grams of {@code codePoints}, Python-style: one code point, one character. */
    private static Map<String, Integer> ngrams(int[] codePoints, int n) {
        Map<String, Integer> counts = new HashMap<>();
        for (int i = 0; i + n <= codePoints.length; i++) {
            counts.merge(new String(codePoints, i, n), 1, Integer::sum);
        }
        return counts;
    }
}
