package dev.ablate.core.spi;

/**
 * The sizes a complexity model is evaluated at: one sequence of {@code n} positions through one
 * layer of width {@code d} with {@code h} heads.
 */
public record ProblemSize(long n, long d, long h) {

    public ProblemSize {
        if (n < 1 || d < 1 || h < 1) {
            throw new IllegalArgumentException("n, d and h must be positive, got n=" + n + " d=" + d + " h=" + h);
        }
    }
}
