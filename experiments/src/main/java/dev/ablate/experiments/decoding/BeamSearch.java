package dev.ablate.experiments.decoding;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Beam search with the GNMT length penalty (Wu et al. 2016, section 7), as the Transformer paper
 * uses it (beam 4, α = 0.6).
 *
 * <p><b>Scoring.</b> A finished hypothesis Y is ranked by {@code log P(Y) / lp(Y)} with
 * {@code lp(Y) = ((5 + |Y|) / 6)^α}. {@code |Y|} counts the output tokens including the EOS when one
 * was produced (BOS never counts): {@code [a, b] + EOS} has |Y| = 3 and a log P summing three
 * log-probabilities, so the length and the probability always cover the same tokens. A hypothesis
 * cut off at its row's max length has no EOS: |Y| = max length, log P over those tokens only. α = 0
 * ranks by log P alone.
 *
 * <p><b>Search.</b> Each source row has k slots. At every step the row keeps the w best extensions
 * (by log P; ties: earlier beam, then more probable token) of its live beams, w being its slots not
 * yet taken by finished hypotheses; an extension ending in EOS takes a slot for good and leaves the
 * beam (the beam shrinks by one, as in Jurafsky and Martin's textbook description and Nematus), the
 * others are the next step's live beams. All source rows are decoded in one batch: each live beam
 * is a row of the step's batch, its source row in {@code origin}; finished source rows drop out.
 * The engine takes the top k tokens of every live beam, and only those (k·k numbers per source
 * row) come back: the w &lt;= k best extensions overall are always among them.
 *
 * <p><b>Stopping</b>, per source row:
 * <ol>
 *   <li>when it has k finished hypotheses (its beam is empty);
 *   <li>at its max length: the live beams are finalized as they are (without EOS);
 *   <li>early, once no live beam can beat the best finished hypothesis. Log-probabilities only fall
 *       as a hypothesis grows and lp is largest at the max length, so a live beam can end with a
 *       score of at most {@code log P(beam) / lp(maxLength)}; when that is {@code <=} the best
 *       finished score for the best live beam, the row stops. The bound holds for every α (it is
 *       tight for α = 0), so stopping on it never changes the result, it only saves steps; with
 *       α &gt; 0 it is conservative and the row may run on until rule 1 or 2.
 * </ol>
 * The result is the finished hypothesis with the best score (ties: the one finished first). With
 * k = 1 this is exactly {@link Greedy}: the single best extension either ends the row with EOS or
 * is the next token.
 *
 * <p>Why not keep k live beams until k hypotheses have finished (fairseq): a hypothesis may then end
 * with EOS from a low-ranked beam while the beam stays full, so k such hypotheses can finish, and
 * stop the row, before the best live hypothesis reaches its EOS; with a small beam on a confident
 * model that returns a truncated output (seen on the copy task with k = 2).
 *
 * <p>The decoder is re-run over the whole prefix each step (no key/value cache).
 */
public final class BeamSearch implements Decoding {

    /** The paper's settings (section 6.1): beam size 4, length penalty α = 0.6. */
    public static final int PAPER_SIZE = 4;

    public static final double PAPER_ALPHA = 0.6;

    /**
     * A finished hypothesis.
     *
     * @param tokens the output tokens, without BOS and EOS
     * @param ended whether it ended with EOS (otherwise it was cut off at the max length)
     * @param logProbability log P of the tokens, and of the EOS when {@code ended}
     * @param score {@code logProbability / lp(length())}
     */
    public record Hypothesis(int[] tokens, boolean ended, double logProbability, double score) {

        /** |Y|: the output tokens, EOS included when produced. */
        public int length() {
            return tokens.length + (ended ? 1 : 0);
        }
    }

    private final int size;
    private final double alpha;

    /**
     * @param size k, the beam width ({@code >= 1})
     * @param alpha α of the length penalty ({@code >= 0}; 0: none)
     */
    public BeamSearch(int size, double alpha) {
        if (size < 1) {
            throw new IllegalArgumentException("beam size must be >= 1, got " + size);
        }
        if (!(alpha >= 0) || Double.isInfinite(alpha)) {
            throw new IllegalArgumentException("length penalty alpha must be a finite number >= 0, got " + alpha);
        }
        this.size = size;
        this.alpha = alpha;
    }

    public int size() {
        return size;
    }

    public double alpha() {
        return alpha;
    }

    /** GNMT's {@code lp(Y) = ((5 + |Y|) / 6)^α}. */
    public static double lengthPenalty(int length, double alpha) {
        return Math.pow((5.0 + length) / 6.0, alpha);
    }

    /** {@code logProbability / lp(length)}. */
    public static double score(double logProbability, int length, double alpha) {
        return logProbability / lengthPenalty(length, alpha);
    }

    @Override
    public List<int[]> decode(DecoderStep step, int batch, int bos, int eos, int[] maxLengths, NDManager manager) {
        return search(step, batch, bos, eos, maxLengths, manager).stream().map(Hypothesis::tokens).toList();
    }

    /** As {@link #decode}, with each source row's chosen hypothesis and its score. */
    public List<Hypothesis> search(DecoderStep step, int batch, int bos, int eos, int[] maxLengths, NDManager manager) {
        Steps.check(step, batch, maxLengths, manager);
        Row[] rows = new Row[batch];
        List<Row> running = new ArrayList<>();
        for (int r = 0; r < batch; r++) {
            rows[r] = new Row(r, maxLengths[r]);
            if (maxLengths[r] == 0) {
                rows[r].best = new Hypothesis(new int[0], false, 0, 0);
            } else {
                running.add(rows[r]);
            }
        }
        // At step t every live beam has exactly t output tokens.
        for (int t = 0; !running.isEmpty(); t++) {
            int length = t + 1;
            int beams = running.stream().mapToInt(row -> row.live.size()).sum();
            int[] prefixes = new int[beams * length];
            long[] origin = new long[beams];
            int b = 0;
            for (Row row : running) {
                for (Beam beam : row.live) {
                    prefixes[b * length] = bos;
                    beam.write(prefixes, b * length, t);
                    origin[b++] = row.index;
                }
            }
            float[] values;
            long[] ids;
            int width;
            try (NDManager scope = manager.newSubManager()) {
                NDArray logProbabilities = Steps.next(step, scope, prefixes, origin, beams, length);
                width = (int) Math.min(size, logProbabilities.getShape().get(1));
                NDList top = logProbabilities.topK(width, -1, true, true);
                values = top.get(0).toFloatArray();
                ids = top.get(1).toLongArray();
            }
            List<Row> still = new ArrayList<>(running.size());
            b = 0;
            for (Row row : running) {
                int live = row.live.size();
                if (!advance(row, values, ids, b * width, width, eos, t)) {
                    still.add(row);
                }
                b += live;
            }
            running = still;
        }
        List<Hypothesis> out = new ArrayList<>(batch);
        for (Row row : rows) {
            out.add(row.best);
        }
        return out;
    }

    /** A candidate: beam {@code parent} followed by {@code token}. */
    private record Candidate(Beam parent, int token, double logProbability) {}

    private static final Comparator<Candidate> BEST_FIRST =
            Comparator.comparingDouble(Candidate::logProbability).reversed();

    /**
     * Applies one step's candidates to a source row; {@code from} is the index of its first beam's
     * first candidate in {@code values} and {@code ids}. Returns whether the row is done.
     */
    private boolean advance(Row row, float[] values, long[] ids, int from, int width, int eos, int t) {
        List<Candidate> candidates = new ArrayList<>(row.live.size() * width);
        int i = from;
        for (Beam beam : row.live) {
            for (int j = 0; j < width; j++, i++) {
                candidates.add(new Candidate(beam, (int) ids[i], beam.logProbability + values[i]));
            }
        }
        candidates.sort(BEST_FIRST); // stable: ties keep beam order, then token rank
        int slots = Math.min(size - row.finished, candidates.size());
        List<Beam> next = new ArrayList<>(slots);
        for (Candidate candidate : candidates.subList(0, slots)) {
            if (candidate.token == eos) {
                row.finish(candidate.parent.tokens(t), true, candidate.logProbability, alpha);
            } else {
                next.add(new Beam(candidate.parent, candidate.token, candidate.logProbability));
            }
        }
        row.live = next;
        if (next.isEmpty()) {
            return true;
        }
        if (t + 1 == row.maxLength) {
            for (Beam beam : next) {
                row.finish(beam.tokens(t + 1), false, beam.logProbability, alpha);
            }
            return true;
        }
        // next is sorted best first: its head has the highest log P of all live beams.
        return row.best != null && score(next.get(0).logProbability, row.maxLength, alpha) <= row.best.score();
    }

    /** A live hypothesis: its last token and the beam it extends ({@code null} parent: the empty prefix). */
    private static final class Beam {

        static final Beam EMPTY = new Beam(null, -1, 0);

        final Beam parent;
        final int token;
        final double logProbability;

        Beam(Beam parent, int token, double logProbability) {
            this.parent = parent;
            this.token = token;
            this.logProbability = logProbability;
        }

        /** Writes this beam's {@code t} tokens to {@code target[at + 1 .. at + t]}. */
        void write(int[] target, int at, int t) {
            Beam beam = this;
            for (int p = t; p >= 1; p--, beam = beam.parent) {
                target[at + p] = beam.token;
            }
        }

        /** This beam's {@code t} tokens. */
        int[] tokens(int t) {
            int[] tokens = new int[t];
            Beam beam = this;
            for (int p = t - 1; p >= 0; p--, beam = beam.parent) {
                tokens[p] = beam.token;
            }
            return tokens;
        }
    }

    /** One source row's search state. */
    private static final class Row {

        final int index;
        final int maxLength;
        List<Beam> live = List.of(Beam.EMPTY);
        int finished;
        Hypothesis best;

        Row(int index, int maxLength) {
            this.index = index;
            this.maxLength = maxLength;
        }

        void finish(int[] tokens, boolean ended, double logProbability, double alpha) {
            finished++;
            int length = tokens.length + (ended ? 1 : 0);
            Hypothesis h = new Hypothesis(tokens, ended, logProbability, score(logProbability, length, alpha));
            if (best == null || h.score() > best.score()) {
                best = h;
            }
        }
    }

    @Override
    public String toString() {
        return "beam(size=" + size + ", alpha=" + alpha + ")";
    }
}
