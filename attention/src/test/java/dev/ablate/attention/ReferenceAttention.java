package dev.ablate.attention;

import ai.djl.nn.core.Linear;
import java.util.Arrays;
import dev.ablate.testkit.Doubles;

/**
 * Multi-head attention in double precision, written out loop by loop: per head, scores of every
 * allowed query-key pair, a softmax over the allowed keys only (no -1e9 trick), the weighted sum of
 * values, then the output projection. The score function and the allowed pairs are the parameters,
 * so full, restricted and additive attention each check against the same few lines. A query that
 * may see no key at all (only padded positions can) has no defined output: it is NaN here, and
 * {@link Doubles#assertClose} skips it.
 */
public final class ReferenceAttention {

    private ReferenceAttention() {}

    /** The four projections, in double precision. */
    public record Weights(
            double[][] wq, double[] bq, double[][] wk, double[] bk, double[][] wv, double[] bv, double[][] wo, double[] bo) {

        public static Weights of(Linear q, Linear k, Linear v, Linear o, int dModel) {
            return new Weights(Doubles.weight(q), Doubles.bias(q, dModel), Doubles.weight(k), Doubles.bias(k, dModel),
                    Doubles.weight(v), Doubles.bias(v, dModel), Doubles.weight(o), Doubles.bias(o, dModel));
        }
    }

    /** The score of query {@code q} against key {@code k} in head {@code head} (both d_k-vectors). */
    public interface Score {
        double of(int head, double[] q, double[] k);
    }

    /** Whether query {@code i} of sequence {@code b} may see key {@code j}. */
    public interface Allowed {
        boolean test(int b, int i, int j);
    }

    public static double[][][] compute(
            double[][][] x, double[][][] memory, Weights w, int heads, Score score, Allowed allowed) {
        int dModel = w.wo().length;
        int dHead = dModel / heads;
        double[][][] out = new double[x.length][][];
        for (int b = 0; b < x.length; b++) {
            double[][] q = Doubles.affineRows(x[b], w.wq(), w.bq());
            double[][] k = Doubles.affineRows(memory[b], w.wk(), w.bk());
            double[][] v = Doubles.affineRows(memory[b], w.wv(), w.bv());
            double[][] context = new double[x[b].length][dModel];
            for (int h = 0; h < heads; h++) {
                for (int i = 0; i < q.length; i++) {
                    double[] qi = slice(q[i], h * dHead, dHead);
                    double[] scores = new double[k.length];
                    double max = Double.NEGATIVE_INFINITY;
                    for (int j = 0; j < k.length; j++) {
                        if (allowed.test(b, i, j)) {
                            scores[j] = score.of(h, qi, slice(k[j], h * dHead, dHead));
                            max = Math.max(max, scores[j]);
                        }
                    }
                    double total = 0;
                    for (int j = 0; j < k.length; j++) {
                        if (allowed.test(b, i, j)) {
                            total += Math.exp(scores[j] - max);
                        }
                    }
                    if (total == 0) {
                        // A query that may see no key (a padded position): its output is undefined.
                        Arrays.fill(context[i], Double.NaN);
                        continue;
                    }
                    for (int j = 0; j < k.length; j++) {
                        if (allowed.test(b, i, j)) {
                            double weight = Math.exp(scores[j] - max) / total;
                            for (int t = 0; t < dHead; t++) {
                                context[i][h * dHead + t] += weight * v[j][h * dHead + t];
                            }
                        }
                    }
                }
            }
            out[b] = Doubles.affineRows(context, w.wo(), w.bo());
        }
        return out;
    }

    public static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    private static double[] slice(double[] x, int from, int length) {
        double[] out = new double[length];
        System.arraycopy(x, from, out, 0, length);
        return out;
    }
}
