package dev.ablate.store;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/**
 * config.json: what one run trains, resolved, and where each of its components came from (a
 * built-in module, or a plugin JAR and the SPI version it was built against), so a result can be
 * traced to the code that produced it.
 *
 * @param task the task config, with its {@code "type"}
 * @param config the resolved run config
 * @param components {@code kind:id} to the component's origin
 */
public record RunRecord(String experiment, String variant, String variantHash, int seed, JsonNode task, JsonNode config,
        Map<String, String> components) {}
