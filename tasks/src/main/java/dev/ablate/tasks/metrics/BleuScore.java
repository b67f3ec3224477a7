package dev.ablate.tasks.metrics;

import java.util.Arrays;
import java.util.Objects;

/**
 * A corpus BLEU score and the numbers sacreBLEU prints beside it.
 *
 * @param score           BLEU, 0 to 100
 * @param precisions      the modified n-gram precisions for n = 1..4, in percent, after smoothing;
 *                        all 0 when no n-gram matched at all (sacreBLEU's early exit)
 * @param brevityPenalty  exp(1 - r/c) when the hypotheses are shorter than the references, else 1;
 *                        0 when the hypotheses have no tokens but the references do
 * @param ratio           hypothesis length / reference length (0 when the references have no tokens)
 * @param hypothesisLength the number of 13a tokens in all hypotheses
 * @param referenceLength the number of 13a tokens in all references
 * @param signature       sacreBLEU's reproducibility signature of the settings used
 */
public record BleuScore(
        double score,
        double[] precisions,
        double brevityPenalty,
        double ratio,
        long hypothesisLength,
        long referenceLength,
        String signature) implements CorpusScore {

    public BleuScore {
        // A copy in and out, so that the record stays a value.
        precisions = precisions.clone();
        Objects.requireNonNull(signature, "signature");
    }

    /** A copy of the four precisions, in percent. */
    @Override
    public double[] precisions() {
        return precisions.clone();
    }

    /** Equal when every component is, comparing the precisions element by element. */
    @Override
    public boolean equals(Object o) {
        return o instanceof BleuScore b
                && Double.compare(score, b.score) == 0
                && Arrays.equals(precisions, b.precisions)
                && Double.compare(brevityPenalty, b.brevityPenalty) == 0
                && Double.compare(ratio, b.ratio) == 0
                && hypothesisLength == b.hypothesisLength
                && referenceLength == b.referenceLength
                && signature.equals(b.signature);
    }

    @Override
    public int hashCode() {
        return Objects.hash(score, Arrays.hashCode(precisions), brevityPenalty, ratio,
                hypothesisLength, referenceLength, signature);
    }

    /**
     * The line sacreBLEU prints for the score, such as
     * {@code BLEU = 26.67 80.0/50.0/25.0/0.0 (BP = 1.000 ratio = 1.000 hyp_len = 5 ref_len = 5)}.
     */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("BLEU = ").append(PyText.fixed(score, 2)).append(' ');
        for (int i = 0; i < precisions.length; i++) {
            sb.append(i == 0 ? "" : "/").append(PyText.fixed(precisions[i], 1));
        }
        return sb.append(" (BP = ").append(PyText.fixed(brevityPenalty, 3))
                .append(" ratio = ").append(PyText.fixed(ratio, 3))
                .append(" hyp_len = ").append(hypothesisLength)
                .append(" ref_len = ").append(referenceLength)
                .append(')').toString();
    }
}
