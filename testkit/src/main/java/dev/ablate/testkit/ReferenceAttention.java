package dev.ablate.testkit;

import ai.djl.nn.Block;
import ai.djl.nn.core.Linear;
import dev.ablate.core.spi.tensor.MultiHeadAttention;
import java.util.Arrays;

/**
 * Multi-head attention in double precision, written out loop by loop: per head, scores of every
 * allowed query-key pair (plus a positional bias), a softmax over the allowed keys only (no -1e9
 * trick), the weighted sum of values, then the output projection. Query head i reads key/value head
 * i / (heads / kvHeads); queries and keys may be rotated by their positions first. The score
 * function, the allowed pairs, the bias and the rotation are parameters, so every kernel and every
 * position scheme checks against the same few lines. A query that may see no key at all (only padded
 * positions can) has no defined output: it is NaN here, and {@link Doubles#assertClose} skips it.
 */
public final class ReferenceAttention {

    private ReferenceAttention() {}

    /** The four projections, in double precision. */
    public record Weights(
            double[][] wq, double[] bq, double[][] wk, double[] bk, double[][] wv, double[] bv, double[][] wo, double[] bo) {

        public static Weights of(Linear q, Linear k, Linear v, Linear o) {
            return new Weights(Doubles.weight(q), bias(q), Doubles.weight(k), bias(k), Doubles.weight(v), bias(v),
                    Doubles.weight(o), bias(o));
        }

        /** The projections of a block built by a kernel plugin. */
        public static Weights of(Block block) {
            Linear[] p = ((MultiHeadAttention) block).projections();
            return of(p[0], p[1], p[2], p[3]);
        }

        private static double[] bias(Linear linear) {
            return Doubles.bias(linear, Doubles.weight(linear).length);
        }
    }

    /** Heads, their width and the key/value heads. */
    public record Layout(int heads, int headDim, int kvHeads) {

        public static Layout paper(int dModel, int heads) {
            return new Layout(heads, dModel / heads, heads);
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

    /** What is added to the score of query position {@code i} against key position {@code j} in head {@code head}. */
    public interface Bias {
        Bias NONE = (head, i, j) -> 0;

        double of(int head, int i, int j);
    }

    /** A d_k-vector at {@code position} rotated (rotary positions); {@link #NONE} leaves it. */
    public interface Rotation {
        Rotation NONE = (x, position) -> x;

        double[] apply(double[] x, int position);
    }

    /** The paper's layout, no positions. */
    public static double[][][] compute(
            double[][][] x, double[][][] memory, Weights w, int heads, Score score, Allowed allowed) {
        return compute(x, memory, w, Layout.paper(w.wo().length, heads), score, allowed, Bias.NONE, Rotation.NONE);
    }

    public static double[][][] compute(double[][][] x, double[][][] memory, Weights w, Layout layout, Score score,
            Allowed allowed, Bias bias, Rotation rotation) {
        int dHead = layout.headDim();
        int group = layout.heads() / layout.kvHeads();
        double[][][] out = new double[x.length][][];
        for (int b = 0; b < x.length; b++) {
            double[][] q = Doubles.affineRows(x[b], w.wq(), w.bq());
            double[][] k = Doubles.affineRows(memory[b], w.wk(), w.bk());
            double[][] v = Doubles.affineRows(memory[b], w.wv(), w.bv());
            double[][] context = new double[x[b].length][layout.heads() * dHead];
            for (int h = 0; h < layout.heads(); h++) {
                int kv = h / group;
                for (int i = 0; i < q.length; i++) {
                    double[] qi = rotation.apply(slice(q[i], h * dHead, dHead), i);
                    double[] scores = new double[k.length];
                    double max = Double.NEGATIVE_INFINITY;
                    for (int j = 0; j < k.length; j++) {
                        if (allowed.test(b, i, j)) {
                            double[] kj = rotation.apply(slice(k[j], kv * dHead, dHead), j);
                            scores[j] = score.of(h, qi, kj) + bias.of(h, i, j);
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
                                context[i][h * dHead + t] += weight * v[j][kv * dHead + t];
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
