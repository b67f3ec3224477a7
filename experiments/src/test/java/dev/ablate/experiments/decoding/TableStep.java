package dev.ablate.experiments.decoding;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * A hand-made decoder: next-token probabilities as a function of the source row and the prefix
 * (BOS included), in double precision; the step hands them to the search as float log-probabilities.
 * Records the batches it was called with.
 */
final class TableStep implements DecoderStep {

    static final int BOS = 0;
    static final int EOS = 1;
    static final int A = 2;
    static final int B = 3;

    /** Next-token probabilities after {@code prefix} (which starts with BOS), for source row {@code origin}. */
    interface Table {
        double[] probabilities(int origin, int[] prefix);
    }

    final Table table;
    final int vocabulary;
    final List<long[]> origins = new ArrayList<>();

    TableStep(int vocabulary, Table table) {
        this.vocabulary = vocabulary;
        this.table = table;
    }

    /**
     * Random distributions that depend on the whole prefix and the source row: a random tree.
     * {@code eosBias} raises EOS's logit.
     */
    static TableStep random(long seed, int vocabulary, double eosBias) {
        return new TableStep(vocabulary, (origin, prefix) -> {
            Random random = new Random(seed * 1_000_003L + origin * 7919L + Arrays.hashCode(prefix));
            double[] p = new double[vocabulary];
            double sum = 0;
            for (int v = 0; v < vocabulary; v++) {
                p[v] = Math.exp(2 * random.nextGaussian() + (v == EOS ? eosBias : 0));
                sum += p[v];
            }
            for (int v = 0; v < vocabulary; v++) {
                p[v] /= sum;
            }
            return p;
        });
    }

    /** This table with every call's source row replaced by {@code origin}: a one-row batch of that row. */
    TableStep forRow(int origin) {
        return new TableStep(vocabulary, (ignored, prefix) -> table.probabilities(origin, prefix));
    }

    @Override
    public NDArray next(NDArray prefixes, NDArray origin) {
        Shape shape = prefixes.getShape();
        int rows = (int) shape.get(0);
        int length = (int) shape.get(1);
        int[] tokens = prefixes.toIntArray();
        long[] o = origin.toLongArray();
        origins.add(o);
        float[] out = new float[rows * vocabulary];
        for (int r = 0; r < rows; r++) {
            double[] p = table.probabilities((int) o[r], Arrays.copyOfRange(tokens, r * length, (r + 1) * length));
            for (int v = 0; v < vocabulary; v++) {
                out[r * vocabulary + v] = (float) Math.log(p[v]);
            }
        }
        return prefixes.getManager().create(out, new Shape(rows, vocabulary));
    }

    /** log P of {@code output}, and of a following EOS when {@code ended}, in double precision. */
    double logProbability(int origin, int[] output, boolean ended) {
        int[] prefix = new int[output.length + 1];
        prefix[0] = BOS;
        double sum = 0;
        for (int i = 0; i < output.length; i++) {
            sum += Math.log(table.probabilities(origin, Arrays.copyOf(prefix, i + 1))[output[i]]);
            prefix[i + 1] = output[i];
        }
        return ended ? sum + Math.log(table.probabilities(origin, prefix)[EOS]) : sum;
    }

    /** The best hypothesis under the length penalty, by enumerating every output up to {@code maxLength}. */
    BeamSearch.Hypothesis bruteForce(int origin, int maxLength, double alpha) {
        Best best = new Best();
        enumerate(origin, new int[] {BOS}, 0, maxLength, alpha, best);
        return best.hypothesis;
    }

    private static final class Best {
        BeamSearch.Hypothesis hypothesis;

        void offer(int[] tokens, boolean ended, double logProbability, double alpha) {
            int length = tokens.length + (ended ? 1 : 0);
            // GNMT: lp(Y) = ((5 + |Y|) / 6)^α, written out here independently of BeamSearch.
            double score = logProbability / Math.pow((5.0 + length) / 6.0, alpha);
            if (hypothesis == null || score > hypothesis.score()) {
                hypothesis = new BeamSearch.Hypothesis(tokens, ended, logProbability, score);
            }
        }
    }

    private void enumerate(int origin, int[] prefix, double logProbability, int maxLength, double alpha, Best best) {
        int[] output = Arrays.copyOfRange(prefix, 1, prefix.length);
        if (output.length == maxLength) {
            best.offer(output, false, logProbability, alpha);
            return;
        }
        double[] p = table.probabilities(origin, prefix);
        best.offer(output, true, logProbability + Math.log(p[EOS]), alpha);
        for (int v = 0; v < vocabulary; v++) {
            if (v != EOS) {
                int[] longer = Arrays.copyOf(prefix, prefix.length + 1);
                longer[prefix.length] = v;
                enumerate(origin, longer, logProbability + Math.log(p[v]), maxLength, alpha, best);
            }
        }
    }
}
