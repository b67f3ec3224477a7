package dev.ablate.core.spi;

/**
 * What a positional encoding can do, and where it acts.
 *
 * @param maxLength the longest input it can encode, or {@code null} when unbounded
 * @param rotatesQueryKey it rotates every self-attention's queries and keys by their positions
 *     (rotary); the attention must declare {@link AttentionCapabilities#rotatedQueryKey()}
 * @param biasesScores it adds a bias to every self-attention's scores (ALiBi, relative); the
 *     attention must declare {@link AttentionCapabilities#scoreBias()}
 */
public record PositionalCapabilities(Integer maxLength, boolean rotatesQueryKey, boolean biasesScores) {

    /** An encoding that acts on the embeddings only. */
    public PositionalCapabilities(Integer maxLength) {
        this(maxLength, false, false);
    }

    public static PositionalCapabilities unbounded() {
        return new PositionalCapabilities(null);
    }

    /** Whether an input of {@code length} positions can be encoded. */
    public boolean covers(int length) {
        return maxLength == null || length <= maxLength;
    }

    /** Whether it acts inside attention rather than (only) on the embeddings. */
    public boolean insideAttention() {
        return rotatesQueryKey || biasesScores;
    }

    /** "rotates q and k", "biases scores", or "adds to the embeddings", for listings and errors. */
    public String where() {
        if (rotatesQueryKey && biasesScores) {
            return "rotates q and k and biases scores";
        }
        return rotatesQueryKey ? "rotates q and k" : biasesScores ? "biases scores" : "adds to the embeddings";
    }
}
