package dev.ablate.tasks.metrics;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Corpus-level BLEU (Papineni et al., 2002) exactly as {@code sacrebleu.corpus_bleu} computes it with
 * its defaults in sacrebleu 2.6.0: mixed case, the {@link Tokenizer13a 13a} tokenizer, n-grams up to
 * 4, the brevity penalty against the reference length, {@code exp} smoothing and no effective order.
 * One reference per hypothesis.
 *
 * <p>Statistics (n-gram matches and totals, lengths) are summed over the whole corpus before the
 * precisions are taken; BLEU is not the mean of sentence scores.
 */
public final class Bleu {

    /** sacreBLEU's signature for these settings. */
    public static final String SIGNATURE =
            "nrefs:1|case:mixed|eff:no|tok:13a|smooth:exp|version:" + Corpus.SACREBLEU_VERSION;

    /** The highest n-gram order. */
    public static final int MAX_ORDER = 4;

    /** sacreBLEU's {@code my_log(0)}: a finite stand-in for log 0, so a zero precision gives BLEU 0. */
    private static final double LOG_ZERO = -9999999999.0;

    private Bleu() {}

    /**
     * Scores {@code hypotheses} against {@code references}, the i-th reference belonging to the i-th
     * hypothesis. Empty strings are fine (they contribute no tokens; a corpus of them scores 0).
     *
     * @throws dev.ablate.core.error.UserException when the two lists differ in length or are empty
     */
    public static BleuScore corpusScore(List<String> hypotheses, List<String> references) {
        Corpus.requireParallel("BLEU", hypotheses, references);
        long[] correct = new long[MAX_ORDER];
        long[] total = new long[MAX_ORDER];
        long hypLength = 0;
        long refLength = 0;
        for (int i = 0; i < hypotheses.size(); i++) {
            List<String> hyp = tokens(hypotheses.get(i));
            List<String> ref = tokens(references.get(i));
            hypLength += hyp.size();
            refLength += ref.size();
            List<Map<String, Integer>> hypNgrams = ngrams(hyp);
            List<Map<String, Integer>> refNgrams = ngrams(ref);
            for (int n = 0; n < MAX_ORDER; n++) {
                Map<String, Integer> refCounts = refNgrams.get(n);
                for (Map.Entry<String, Integer> e : hypNgrams.get(n).entrySet()) {
                    total[n] += e.getValue();
                    // Clipping: an n-gram earns at most as many matches as the reference has copies.
                    correct[n] += Math.min(e.getValue(), refCounts.getOrDefault(e.getKey(), 0));
                }
            }
        }
        return fromStatistics(correct, total, hypLength, refLength);
    }

    /** sacreBLEU's {@code BLEU.compute_bleu} with {@code smooth_method='exp'}, order 4, no effective order. */
    private static BleuScore fromStatistics(long[] correct, long[] total, long hypLength, long refLength) {
        double bp = 1.0;
        if (hypLength < refLength) {
            bp = hypLength > 0 ? Math.exp(1.0 - (double) refLength / hypLength) : 0.0;
        }
        double ratio = refLength > 0 ? (double) hypLength / refLength : 0.0;
        double[] precisions = new double[MAX_ORDER];

        boolean anyMatch = false;
        for (long c : correct) {
            anyMatch |= c > 0;
        }
        if (!anyMatch) {
            // sacreBLEU returns early here (its issue #141), leaving every precision at 0.
            return new BleuScore(0.0, precisions, bp, ratio, hypLength, refLength, SIGNATURE);
        }

        // mteval-v13a's smoothing: the k-th order without a match gets precision 1 / (2^k * total).
        double smooth = 1.0;
        for (int n = 0; n < MAX_ORDER; n++) {
            if (total[n] == 0) {
                // No n-grams of this order at all: the precision stays 0, and so does BLEU.
                break;
            }
            if (correct[n] == 0) {
                smooth *= 2;
                precisions[n] = 100.0 / (smooth * total[n]);
            } else {
                precisions[n] = 100.0 * correct[n] / total[n];
            }
        }
        double logSum = 0.0;
        for (double p : precisions) {
            logSum += p == 0.0 ? LOG_ZERO : Math.log(p);
        }
        double score = bp * Math.exp(logSum / MAX_ORDER);
        return new BleuScore(score, precisions, bp, ratio, hypLength, refLength, SIGNATURE);
    }

    /** As sacreBLEU preprocesses a segment: strip trailing whitespace, tokenize, split. */
    private static List<String> tokens(String segment) {
        return PyText.split(Tokenizer13a.tokenize(PyText.rstrip(segment)));
    }

    /** Counts of the n-grams of each order 1..4 (index n-1); tokens never hold a space, so joining is safe. */
    private static List<Map<String, Integer>> ngrams(List<String> tokens) {
        List<Map<String, Integer>> byOrder = new ArrayList<>(MAX_ORDER);
        for (int n = 1; n <= MAX_ORDER; n++) {
            Map<String, Integer> counts = new HashMap<>();
            for (int i = 0; i + n <= tokens.size(); i++) {
                counts.merge(String.join(" ", tokens.subList(i, i + n)), 1, Integer::sum);
            }
            byOrder.add(counts);
        }
        return byOrder;
    }
}
