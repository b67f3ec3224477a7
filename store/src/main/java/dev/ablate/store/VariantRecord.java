package dev.ablate.store;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/**
 * One variant in experiment.json.
 *
 * @param id the readable id, also its folder name, e.g. {@code attention=restricted(window=4)}
 * @param hash the digest of the task and the resolved config
 * @param settings the dotted paths the variant sets, with their values
 * @param config the resolved run config ({@code model}, {@code training}, {@code evaluation})
 */
public record VariantRecord(String id, String hash, Map<String, JsonNode> settings, JsonNode config) {

    /** The resolved model config ({@code config.model}). */
    public JsonNode model() {
        return config.path("model");
    }
}
