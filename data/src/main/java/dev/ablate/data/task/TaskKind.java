package dev.ablate.data.task;

import java.util.List;

/** What a task asks of a model, which decides the model family and the metrics that make sense. */
public enum TaskKind {
    /** Source sequence in, target sequence out (encoder-decoder). */
    SEQUENCE_TO_SEQUENCE(List.of("loss", "perplexity", "tokenAccuracy", "exactMatch", "bleu", "chrf")),
    /** Next-token prediction over a text (decoder-only). */
    LANGUAGE_MODEL(List.of("loss", "perplexity", "tokenAccuracy")),
    /** One label per sequence (encoder with a classification head). */
    CLASSIFICATION(List.of("loss", "accuracy"));

    private final List<String> metrics;

    TaskKind(List<String> metrics) {
        this.metrics = metrics;
    }

    /** The metric names an evaluation of this kind of task reports. */
    public List<String> metrics() {
        return metrics;
    }

    /** Whether a larger value of {@code metric} is better (loss and perplexity: smaller). */
    public static boolean higherIsBetter(String metric) {
        return !metric.equals("loss") && !metric.equals("perplexity");
    }

    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
}
