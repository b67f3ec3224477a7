package dev.ablate.tasks.metrics;

import java.util.List;

/**
 * What an evaluation gathered over one split, from which every {@link Metric} is computed.
 * Teacher-forced: the summed negative log-likelihood of the labels that count, how many of them the
 * arg-max got right, and how many there are. Decoded (sequence-to-sequence, when asked): each
 * example's output and target tokens, and their detokenized texts; empty lists otherwise.
 */
public record SplitOutputs(
        double negativeLogLikelihood,
        long correct,
        long tokens,
        List<int[]> outputs,
        List<int[]> targets,
        List<String> hypotheses,
        List<String> references) {

    public SplitOutputs {
        outputs = List.copyOf(outputs);
        targets = List.copyOf(targets);
        hypotheses = List.copyOf(hypotheses);
        references = List.copyOf(references);
    }

    /** Teacher-forced totals only. */
    public static SplitOutputs teacherForced(double negativeLogLikelihood, long correct, long tokens) {
        return new SplitOutputs(negativeLogLikelihood, correct, tokens, List.of(), List.of(), List.of(), List.of());
    }
}
