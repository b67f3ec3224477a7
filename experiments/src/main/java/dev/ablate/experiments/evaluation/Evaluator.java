package dev.ablate.experiments.evaluation;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;
import dev.ablate.experiments.decoding.Decoding;
import dev.ablate.experiments.decoding.EncoderDecoderStep;
import dev.ablate.data.metrics.Bleu;
import dev.ablate.data.metrics.Chrf;
import dev.ablate.data.task.Example;
import dev.ablate.data.task.Split;
import dev.ablate.data.task.Task;
import dev.ablate.data.task.TaskKind;
import dev.ablate.data.task.Vocabulary;
import dev.ablate.experiments.training.Batches;
import dev.ablate.experiments.training.Loss;
import dev.ablate.models.transformer.EncoderDecoderModel;
import dev.ablate.models.transformer.TransformerModel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Computes a task's metrics on a split. Teacher-forced: {@code loss} (mean −log p per label token,
 * no smoothing), {@code perplexity} (e^loss), {@code tokenAccuracy}, {@code accuracy}
 * (classification). Decoded (sequence-to-sequence, with the spec's decoding): {@code exactMatch}
 * (the whole output equals the target), {@code bleu} and {@code chrf} (corpus scores, 0-100, sacreBLEU's
 * defaults over the detokenized target vocabulary). Fractions are in [0, 1].
 */
public final class Evaluator {

    private final Task task;
    private final TransformerModel model;
    private final ParameterStore parameters;
    private final int batchSize;
    private final Decoding decoding;
    private final int lengthOffset;
    private final int maxOutputTokens;
    private final Map<Split, Batches> batches = new LinkedHashMap<>();

    /**
     * @param maxOutputTokens the most tokens a decoded output may have (the model's positions must cover BOS + them)
     */
    public Evaluator(Task task, TransformerModel model, ParameterStore parameters, int batchSize,
            EvaluationConfig config, int maxOutputTokens) {
        this.task = task;
        this.model = model;
        this.parameters = parameters;
        this.batchSize = batchSize;
        this.decoding = config.decoding().decoding();
        this.lengthOffset = config.lengthOffset();
        this.maxOutputTokens = maxOutputTokens;
    }

    /** Whether computing {@code metric} needs decoded outputs (slower than teacher forcing). */
    public static boolean needsDecoding(String metric) {
        return metric.equals("exactMatch") || metric.equals("bleu") || metric.equals("chrf");
    }

    /**
     * What an evaluation gives: the metrics, and for decoded sequence-to-sequence evaluations the
     * detokenized outputs and references, line by line in split order (else empty), the texts BLEU
     * and chrF were computed on.
     */
    public record Evaluation(Map<String, Double> metrics, List<String> hypotheses, List<String> references) {
        public Evaluation {
            metrics = Collections.unmodifiableMap(new LinkedHashMap<>(metrics));
            hypotheses = List.copyOf(hypotheses);
            references = List.copyOf(references);
        }
    }

    /** Every metric of the task on {@code split}; the decoded ones only when {@code decode}. */
    public Evaluation evaluate(NDManager manager, Split split, boolean decode) {
        Batches data = batches.computeIfAbsent(split, s -> new Batches(task.kind(), task.examples(s)));
        double nll = 0;
        long correct = 0;
        long tokens = 0;
        List<int[]> outputs = new ArrayList<>();
        boolean decodeNow = decode && task.kind() == TaskKind.SEQUENCE_TO_SEQUENCE;
        for (int from = 0; from < data.size(); from += batchSize) {
            try (NDManager batchManager = manager.newSubManager()) {
                Batches.Batch batch = data.slice(batchManager, from, Math.min(data.size(), from + batchSize));
                NDArray logits = model.forward(parameters, batch.inputs(), false).head();
                nll += Loss.negativeLogLikelihood(logits, batch.labels()).getFloat();
                correct += Loss.correct(logits, batch.labels()).getLong();
                tokens += batch.labelTokens();
                if (decodeNow) {
                    outputs.addAll(decode(batchManager, data, from, batch));
                }
            }
        }
        Map<String, Double> metrics = new LinkedHashMap<>();
        double loss = nll / tokens;
        metrics.put("loss", loss);
        switch (task.kind()) {
            case SEQUENCE_TO_SEQUENCE, LANGUAGE_MODEL -> {
                metrics.put("perplexity", Math.exp(loss));
                metrics.put("tokenAccuracy", (double) correct / tokens);
            }
            case CLASSIFICATION -> metrics.put("accuracy", (double) correct / tokens);
        }
        if (!decodeNow) {
            return new Evaluation(metrics, List.of(), List.of());
        }
        Vocabulary vocabulary = task.targetVocabulary();
        List<String> hypotheses = new ArrayList<>(outputs.size());
        List<String> references = new ArrayList<>(outputs.size());
        int exact = 0;
        for (int i = 0; i < outputs.size(); i++) {
            Example e = data.example(i);
            if (Arrays.equals(outputs.get(i), e.target())) {
                exact++;
            }
            hypotheses.add(vocabulary.decode(outputs.get(i)));
            references.add(vocabulary.decode(e.target()));
        }
        metrics.put("exactMatch", (double) exact / outputs.size());
        metrics.put("bleu", Bleu.corpusScore(hypotheses, references).score());
        metrics.put("chrf", Chrf.corpusScore(hypotheses, references).score());
        return new Evaluation(metrics, hypotheses, references);
    }

    private List<int[]> decode(NDManager manager, Batches data, int from, Batches.Batch batch) {
        int rows = batch.size();
        int[] maxLengths = new int[rows];
        for (int r = 0; r < rows; r++) {
            maxLengths[r] = Math.min(maxOutputTokens, data.example(from + r).source().length + lengthOffset);
        }
        EncoderDecoderStep step = new EncoderDecoderStep((EncoderDecoderModel) model, parameters, batch.inputs().get(0));
        return decoding.decode(step, rows, Vocabulary.BOS, Vocabulary.EOS, maxLengths, manager);
    }
}
