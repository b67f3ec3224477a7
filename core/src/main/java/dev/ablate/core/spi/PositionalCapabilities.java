package dev.ablate.core.spi;

/**
 * What a positional encoding can do.
 *
 * @param maxLength the longest input it can encode, or {@code null} when unbounded
 */
public record PositionalCapabilities(Integer maxLength) {

    public static PositionalCapabilities unbounded() {
        return new PositionalCapabilities(null);
    }

    /** Whether an input of {@code length} positions can be encoded. */
    public boolean covers(int length) {
        return maxLength == null || length <= maxLength;
    }
}
