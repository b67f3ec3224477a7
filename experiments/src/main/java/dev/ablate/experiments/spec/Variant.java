package dev.ablate.experiments.spec;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/**
 * One point of the sweep: the base config with some values replaced.
 *
 * @param id readable and unique in the experiment, e.g. {@code attention=restricted(window=4)}; a folder name in the run store
 * @param hash a stable digest of the task and the resolved config: equal configs, equal hashes
 * @param config the resolved config, every plugin filled in
 * @param settings the dotted paths this variant sets, with their values
 */
public record Variant(String id, String hash, RunConfig config, Map<String, JsonNode> settings) {}
