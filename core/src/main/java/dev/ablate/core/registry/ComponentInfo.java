package dev.ablate.core.registry;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ablate.core.spi.AttentionCapabilities;
import dev.ablate.core.spi.AttentionConfig;
import dev.ablate.core.spi.AttentionDescriptor;
import dev.ablate.core.spi.ComplexityModel;
import dev.ablate.core.spi.ComponentConfig;
import dev.ablate.core.spi.ComponentDescriptor;
import dev.ablate.core.spi.ComponentKind;
import dev.ablate.core.spi.NormConfig;
import dev.ablate.core.spi.NormDescriptor;
import dev.ablate.core.spi.PositionalCapabilities;
import dev.ablate.core.spi.PositionalConfig;
import dev.ablate.core.spi.PositionalDescriptor;
import dev.ablate.core.spi.ProblemSize;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What {@code ablate plugins} shows of one component: its parameters with their defaults, its
 * capabilities and (for attention) its Table 1 row with numbers at a given problem size.
 */
@JsonPropertyOrder(
        {"kind", "id", "summary", "parameters", "capabilities", "acceptsPositions", "acceptedBy", "complexity", "source"})
public record ComponentInfo(
        String kind,
        String id,
        String summary,
        Map<String, Parameter> parameters,
        Object capabilities,
        @JsonPropertyDescription("attention: the positional plugins acting inside attention that it takes")
        @JsonInclude(JsonInclude.Include.NON_NULL)
        List<String> acceptsPositions,
        @JsonPropertyDescription("positional plugins acting inside attention: the attention plugins that take it")
        @JsonInclude(JsonInclude.Include.NON_NULL)
        List<String> acceptedBy,
        Complexity complexity,
        String source) {

    /** One config parameter. */
    public record Parameter(String type, @JsonProperty("default") JsonNode defaultValue, String description) {}

    /** The Table 1 columns and their values at {@code at}. */
    public record Complexity(
            String perLayer,
            String sequentialOperations,
            String maximumPathLength,
            ProblemSize at,
            double flops,
            double activationBytes) {}

    public static ComponentInfo describe(ComponentRegistry registry, ComponentDescriptor<?> d, ProblemSize at) {
        ComponentConfig defaults = registry.defaultConfig(d.kind(), d.id());
        Object capabilities;
        Complexity complexity = null;
        List<String> acceptsPositions = null;
        List<String> acceptedBy = null;
        if (d instanceof AttentionDescriptor<?> a) {
            AttentionCapabilities attention = ComponentRegistry.capabilities(a, (AttentionConfig) defaults);
            capabilities = attention;
            ComplexityModel c = ComponentRegistry.complexity(a, (AttentionConfig) defaults);
            complexity = new Complexity(c.perLayer(), c.sequentialOperations(), c.maximumPathLength(), at,
                    c.flops(at), c.activationBytes(at));
            acceptsPositions = registry.ids(ComponentKind.POSITIONAL).stream().filter(id -> {
                PositionalCapabilities positions = registry.capabilities(
                        (PositionalConfig) registry.defaultConfig(ComponentKind.POSITIONAL, id));
                return positions.insideAttention() && attention.accepts(positions);
            }).toList();
        } else if (d instanceof PositionalDescriptor<?> p) {
            PositionalCapabilities positions = ComponentRegistry.capabilities(p, (PositionalConfig) defaults);
            capabilities = positions;
            if (positions.insideAttention()) {
                acceptedBy = registry.ids(ComponentKind.ATTENTION).stream()
                        .filter(id -> registry.capabilities((AttentionConfig) registry.defaultConfig(ComponentKind.ATTENTION, id))
                                .accepts(positions))
                        .toList();
            }
        } else {
            capabilities = ComponentRegistry.capabilities((NormDescriptor<?>) d, (NormConfig) defaults);
        }
        return new ComponentInfo(d.kind().label(), d.id(), d.summary(), parameters(registry.json().mapper(), defaults),
                capabilities, acceptsPositions, acceptedBy, complexity, registry.origin(d));
    }

    private static Map<String, Parameter> parameters(ObjectMapper mapper, ComponentConfig defaults) {
        ObjectNode values = mapper.valueToTree(defaults);
        values.remove("type");
        Map<String, RecordComponent> components = defaults.getClass().isRecord()
                ? Arrays.stream(defaults.getClass().getRecordComponents())
                        .collect(Collectors.toMap(RecordComponent::getName, c -> c))
                : Map.of();
        Map<String, Parameter> parameters = new LinkedHashMap<>();
        values.properties().forEach(field -> {
            RecordComponent component = components.get(field.getKey());
            JsonPropertyDescription doc = component == null ? null
                    : component.getAccessor().getAnnotation(JsonPropertyDescription.class);
            String type = component == null ? field.getValue().getNodeType().name().toLowerCase(Locale.ROOT)
                    : typeName(component.getType());
            parameters.put(field.getKey(), new Parameter(type, field.getValue(), doc == null ? "" : doc.value()));
        });
        return parameters;
    }

    private static String typeName(Class<?> type) {
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
            return "integer";
        }
        if (type == Double.class || type == double.class || type == Float.class || type == float.class) {
            return "number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "boolean";
        }
        return type.isEnum() || type == String.class ? "string" : "object";
    }
}
