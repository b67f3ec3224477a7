package dev.ablate.tasks.metrics;

import dev.ablate.core.error.DidYouMean;
import dev.ablate.core.error.UserException;
import java.util.Arrays;
import java.util.List;
import java.util.function.BiFunction;

/**
 * The built-in metrics. Fractions are in [0, 1]; corpus scores 0 to 100. A new metric is one
 * constant here (or a class implementing {@link Metric}) and its line in the metrics of the task
 * kinds that report it.
 */
public final class Metrics {

    /** Mean −log p per label token that counts, without label smoothing. */
    public static final Metric LOSS = Metric.of("loss", false, false,
            o -> o.negativeLogLikelihood() / o.tokens());

    /** e^loss. */
    public static final Metric PERPLEXITY = Metric.of("perplexity", false, false,
            o -> Math.exp(o.negativeLogLikelihood() / o.tokens()));

    /** The fraction of label tokens the arg-max predicts, teacher-forced. */
    public static final Metric TOKEN_ACCURACY = Metric.of("tokenAccuracy", true, false,
            o -> (double) o.correct() / o.tokens());

    /** The fraction of examples classified right. */
    public static final Metric ACCURACY = Metric.of("accuracy", true, false,
            o -> (double) o.correct() / o.tokens());

    /** The fraction of decoded outputs equal to their whole target. */
    public static final Metric EXACT_MATCH = Metric.of("exactMatch", true, true, Metrics::exactMatch);

    /** Corpus BLEU of the detokenized outputs, sacreBLEU's defaults. */
    public static final Metric BLEU = Corpus.BLEU.metric();

    /** Corpus chrF of the detokenized outputs, sacreBLEU's defaults. */
    public static final Metric CHRF = Corpus.CHRF.metric();

    /** The corpus scores {@code ablate score} computes from text files. */
    public enum Corpus {
        BLEU("bleu", Bleu::corpusScore),
        CHRF("chrf", Chrf::corpusScore);

        private final String label;
        private final BiFunction<List<String>, List<String>, CorpusScore> scorer;

        Corpus(String label, BiFunction<List<String>, List<String>, CorpusScore> scorer) {
            this.label = label;
            this.scorer = scorer;
        }

        public String label() {
            return label;
        }

        /** Scores the i-th hypothesis against the i-th reference, over the corpus. */
        public CorpusScore score(List<String> hypotheses, List<String> references) {
            return scorer.apply(hypotheses, references);
        }

        /** The metric of the detokenized outputs: this score over a split's hypotheses and references. */
        public Metric metric() {
            return Metric.of(label, true, true, o -> score(o.hypotheses(), o.references()).score());
        }

        /** The corpus score named {@code label}; an unknown name fails with the known ones. */
        public static Corpus named(String label) {
            List<String> known = Arrays.stream(values()).map(Corpus::label).toList();
            return Arrays.stream(values()).filter(c -> c.label.equals(label)).findFirst().orElseThrow(() ->
                    new UserException("unknown metric '" + label + "'; known: " + String.join(", ", known) + "."
                            + DidYouMean.hint(label, known)));
        }
    }

    private Metrics() {}

    private static double exactMatch(SplitOutputs o) {
        int exact = 0;
        for (int i = 0; i < o.outputs().size(); i++) {
            if (Arrays.equals(o.outputs().get(i), o.targets().get(i))) {
                exact++;
            }
        }
        return (double) exact / o.outputs().size();
    }
}
