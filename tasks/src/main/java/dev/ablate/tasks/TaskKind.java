package dev.ablate.tasks;

import dev.ablate.core.model.ModelFamily;
import dev.ablate.tasks.metrics.Metric;
import dev.ablate.tasks.metrics.Metrics;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What a task asks of a model: the model family that answers it, how its examples become batches,
 * and the metrics an evaluation reports (the first teacher-forced, then the decoded ones). A new
 * kind is one {@link Batching} class and one constant here.
 */
public enum TaskKind {
    /** Source sequence in, target sequence out (encoder-decoder). */
    SEQUENCE_TO_SEQUENCE(ModelFamily.ENCODER_DECODER, new SequencePairs(), Metrics.EXACT_MATCH,
            List.of(Metrics.LOSS, Metrics.PERPLEXITY, Metrics.TOKEN_ACCURACY, Metrics.EXACT_MATCH, Metrics.BLEU, Metrics.CHRF)),
    /** Next-token prediction over a text (decoder-only). */
    LANGUAGE_MODEL(ModelFamily.DECODER, new TextChunks(), Metrics.PERPLEXITY,
            List.of(Metrics.LOSS, Metrics.PERPLEXITY, Metrics.TOKEN_ACCURACY)),
    /** One label per sequence (encoder with a classification head). */
    CLASSIFICATION(ModelFamily.ENCODER, new LabelledSequences(), Metrics.ACCURACY,
            List.of(Metrics.LOSS, Metrics.ACCURACY));

    /** How a kind's examples become a batch of token ids. */
    public interface Batching {
        TokenBatch batch(List<Example> examples);
    }

    private final ModelFamily family;
    private final Batching batching;
    private final Metric defaultMetric;
    private final List<Metric> metrics;

    TaskKind(ModelFamily family, Batching batching, Metric defaultMetric, List<Metric> metrics) {
        this.family = family;
        this.batching = batching;
        this.defaultMetric = defaultMetric;
        this.metrics = metrics;
    }

    /** The model family that answers this kind of task. */
    public ModelFamily family() {
        return family;
    }

    /** The metrics an evaluation of this kind of task reports, in report order. */
    public List<Metric> metrics() {
        return metrics;
    }

    public List<String> metricNames() {
        return metrics.stream().map(Metric::name).toList();
    }

    /** The metric of this kind named {@code name}, if it has one. */
    public Optional<Metric> metric(String name) {
        return metrics.stream().filter(m -> m.name().equals(name)).findFirst();
    }

    /** The metric a spec evaluates by when it names none. */
    public Metric defaultMetric() {
        return defaultMetric;
    }

    /** Whether an evaluation decodes outputs (some metric of the kind needs them). */
    public boolean decodes() {
        return metrics.stream().anyMatch(Metric::decoded);
    }

    /** The examples as one batch, padded to the longest. */
    public TokenBatch batch(List<Example> examples) {
        return batching.batch(examples);
    }

    /** {@code sequence-to-sequence}, {@code language-model}, {@code classification}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
