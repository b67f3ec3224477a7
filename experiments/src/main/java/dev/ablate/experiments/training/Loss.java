package dev.ablate.experiments.training;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import dev.ablate.core.spi.tensor.Scalars;
import dev.ablate.tasks.Vocabulary;

/**
 * Cross-entropy with label smoothing (Szegedy et al. 2016, as the paper uses it, in fairseq's
 * form): each label token costs (1−ε)·(−log p(y)) + ε·mean over the vocabulary of (−log p(v)),
 * averaged over the tokens that count (padding excluded).
 */
public final class Loss {

    private Loss() {}

    /**
     * The smoothed loss to minimise, a scalar with a gradient.
     *
     * @param logits {@code [batch, length, vocabulary]}, or {@code [batch, classes]} with {@code [batch]} labels
     */
    public static NDArray smoothed(NDArray logits, NDArray labels, long tokens, double epsilon) {
        Terms t = terms(logits, labels);
        NDArray perToken = epsilon == 0 ? t.nll
                : Scalars.multiply(t.nll, (float) (1 - epsilon)).add(Scalars.multiply(uniform(t), (float) epsilon));
        return Scalars.multiply(perToken.mul(t.counts).sum(), 1f / tokens);
    }

    /** Summed −log p(label) over the tokens that count (no smoothing): for loss and perplexity. */
    public static NDArray negativeLogLikelihood(NDArray logits, NDArray labels) {
        Terms t = terms(logits, labels);
        return t.nll.mul(t.counts).sum();
    }

    /** How many counted labels the arg-max of {@code logits} gets right. */
    public static NDArray correct(NDArray logits, NDArray labels) {
        NDArray predicted = logits.argMax(-1).toType(DataType.INT32, false);
        NDArray right = predicted.eq(labels.toType(DataType.INT32, false));
        if (labels.getShape().dimension() == 1) {
            return right.toType(DataType.INT64, false).sum();
        }
        return right.logicalAnd(labels.neq(Vocabulary.PAD)).toType(DataType.INT64, false).sum();
    }

    private record Terms(NDArray logProbabilities, NDArray nll, NDArray counts) {}

    /** Mean over the vocabulary of −log p(v), per token: the smoothing term. */
    private static NDArray uniform(Terms t) {
        long vocabulary = t.logProbabilities.getShape().get(t.logProbabilities.getShape().dimension() - 1);
        return Scalars.multiply(t.logProbabilities.sum(new int[] {-1}).neg(), 1f / vocabulary);
    }

    private static Terms terms(NDArray logits, NDArray labels) {
        NDArray logProbabilities = logits.logSoftmax(-1);
        NDArray index = labels.toType(DataType.INT64, false).expandDims(-1);
        NDArray nll = logProbabilities.gather(index, -1).squeeze(-1).neg();
        NDArray counts = labels.getShape().dimension() == 1
                ? logits.getManager().ones(labels.getShape(), DataType.FLOAT32)
                : labels.neq(Vocabulary.PAD).toType(DataType.FLOAT32, false);
        return new Terms(logProbabilities, nll, counts);
    }
}
