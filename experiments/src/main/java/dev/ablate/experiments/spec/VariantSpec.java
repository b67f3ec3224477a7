package dev.ablate.experiments.spec;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/** A named partial override of the base config, like a row of the paper's Table 3. */
public record VariantSpec(
        @JsonPropertyDescription("the variant's id in the run store and reports: letters, digits, '.', '_', '-', '=', '(', ')', ','")
        String name,
        @JsonPropertyDescription("dotted path under base (e.g. model.heads, training.labelSmoothing) -> value")
        Map<String, JsonNode> set) {}
