package dev.ablate.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ablate.core.spi.AttentionConfig;

/**
 * One attention variant of the benchmark.
 *
 * @param name the plain id when nothing is set ({@code full}), else the id with the settings as
 *     given, the way experiments name variants ({@code restricted(window=32)})
 * @param config the plugin's config record, defaults filled in
 * @param json the complete config as JSON, {@code "type"} included (what a child process reads)
 */
public record BenchVariant(String name, AttentionConfig config, JsonNode json) {}
