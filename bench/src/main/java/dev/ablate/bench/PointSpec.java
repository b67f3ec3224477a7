package dev.ablate.bench;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One point of the attention benchmark: which layer, at which size, on which device, how often.
 * In JSON it is the single argument a child process receives.
 *
 * @param attention the attention config, {@code "type"} included
 * @param n the sequence length
 * @param dModel the model width
 * @param heads the number of heads
 * @param batch sequences per pass
 * @param device {@code cpu} or {@code gpu:N}
 * @param warmup untimed passes before the timed ones
 * @param repeats timed passes
 */
public record PointSpec(JsonNode attention, int n, int dModel, int heads, int batch, String device, int warmup,
        int repeats) {

    public PointSpec {
        if (n < 1 || dModel < 1 || heads < 1 || batch < 1 || warmup < 0 || repeats < 1) {
            throw new IllegalArgumentException("n, dModel, heads, batch and repeats must be >= 1 and warmup >= 0");
        }
    }

    /** The same layer at length {@code length}, {@code warmup} and {@code repeats} passes. */
    public PointSpec with(int length, int warmupPasses, int repeatPasses) {
        return new PointSpec(attention, length, dModel, heads, batch, device, warmupPasses, repeatPasses);
    }

    public String toJson() {
        return PointProcess.toJson(this);
    }

    public static PointSpec fromJson(String json) {
        return PointProcess.fromJson(json, PointSpec.class, "point spec");
    }
}
