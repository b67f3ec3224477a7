package dev.ablate.reports.store;

import com.fasterxml.jackson.databind.JsonNode;

/** A variant of experiment.json: its id, hash, the settings that define it, and its resolved config. */
public record StoredVariant(String id, String hash, JsonNode settings, JsonNode config) {

    /** The resolved model config ({@code config.model}). */
    public JsonNode model() {
        return config.path("model");
    }
}
