package dev.ablate.experiments.decoding;

/** {@code {"type": "greedy"}}: the most probable token at each step. */
public record GreedyConfig() implements DecodingConfig {

    public static final String TYPE = "greedy";

    @Override
    public Decoding decoding() {
        return new Greedy();
    }
}
