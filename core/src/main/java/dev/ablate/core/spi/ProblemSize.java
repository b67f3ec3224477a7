package dev.ablate.core.spi;

/**
 * The sizes a complexity model is evaluated at: one sequence of {@code n} positions through one
 * attention layer of width {@code d} with {@code h} query heads of {@code dk} dimensions each and
 * {@code kvHeads} key/value heads, causal (a decoder's self-attention) or not.
 */
public record ProblemSize(long n, long d, long h, long dk, long kvHeads, boolean causal) {

    public ProblemSize {
        if (n < 1 || d < 1 || h < 1 || dk < 1 || kvHeads < 1) {
            throw new IllegalArgumentException("n, d, h, dk and kvHeads must be positive, got n=" + n + " d=" + d
                    + " h=" + h + " dk=" + dk + " kvHeads=" + kvHeads);
        }
    }

    /** The paper's sizes: d_k = d / h, one key/value head per query head, not causal. */
    public ProblemSize(long n, long d, long h) {
        this(n, d, h, Math.max(1, d / h), h, false);
    }

    /** h·d_k: the width of all heads together (d in the paper). */
    public long headsWidth() {
        return h * dk;
    }
}
