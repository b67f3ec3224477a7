package dev.ablate.experiments.evaluation;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;
import dev.ablate.experiments.decoding.Decoding;
import dev.ablate.experiments.decoding.EncoderDecoderStep;
import dev.ablate.experiments.training.Batches;
import dev.ablate.experiments.training.Loss;
import dev.ablate.models.transformer.EncoderDecoderModel;
import dev.ablate.models.transformer.TransformerModel;
import dev.ablate.tasks.Split;
import dev.ablate.tasks.Task;
import dev.ablate.tasks.Vocabulary;
import dev.ablate.tasks.metrics.Metric;
import dev.ablate.tasks.metrics.SplitOutputs;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Computes a task's metrics on a split: it runs the model over the split, teacher-forced, and (for
 * a kind with decoded metrics, when asked) decodes every source with the spec's decoding; each of
 * the kind's metrics ({@link dev.ablate.tasks.TaskKind#metrics}) is then computed from what it
 * gathered ({@link SplitOutputs}). Texts are detokenized with the target vocabulary.
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
        boolean decodeNow = decode && task.kind().decodes();
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
        SplitOutputs totals = SplitOutputs.teacherForced(nll, correct, tokens);
        List<String> hypotheses = new ArrayList<>(outputs.size());
        List<String> references = new ArrayList<>(outputs.size());
        if (decodeNow) {
            Vocabulary vocabulary = task.targetVocabulary();
            List<int[]> targets = new ArrayList<>(outputs.size());
            for (int i = 0; i < outputs.size(); i++) {
                int[] target = data.example(i).target();
                targets.add(target);
                hypotheses.add(vocabulary.decode(outputs.get(i)));
                references.add(vocabulary.decode(target));
            }
            totals = new SplitOutputs(nll, correct, tokens, outputs, targets, hypotheses, references);
        }
        Map<String, Double> metrics = new LinkedHashMap<>();
        for (Metric metric : task.kind().metrics()) {
            if (decodeNow || !metric.decoded()) {
                metrics.put(metric.name(), metric.value(totals));
            }
        }
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
