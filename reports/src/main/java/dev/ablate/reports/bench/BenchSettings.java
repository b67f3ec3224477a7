package dev.ablate.reports.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the benchmark measured and how.
 *
 * @param dModel the model width
 * @param heads the number of heads
 * @param batch sequences per pass
 * @param device {@code cpu} or {@code gpu:N}
 * @param warmup untimed passes before the timed ones, per point
 * @param repeats timed passes per point (their median is the point's time)
 * @param timeoutSeconds the limit on one point
 * @param fitMin the smallest n the fits use; {@code null} for all
 * @param lengths the sequence lengths asked for
 * @param variants each variant's name and its complete config, defaults filled in
 * @param memory how memory was measured, in words
 * @param versions Ablate, DJL, the engine, Java
 */
public record BenchSettings(
        int dModel,
        int heads,
        int batch,
        String device,
        int warmup,
        int repeats,
        int timeoutSeconds,
        Integer fitMin,
        List<Integer> lengths,
        Map<String, JsonNode> variants,
        String memory,
        Map<String, String> versions) {

    public BenchSettings {
        lengths = lengths == null ? List.of() : List.copyOf(lengths);
        variants = variants == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(variants));
        versions = versions == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(versions));
    }
}
