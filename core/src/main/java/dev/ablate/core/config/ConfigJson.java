package dev.ablate.core.config;

import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.InvalidTypeIdException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.introspect.AnnotatedClassResolver;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;
import com.fasterxml.jackson.databind.jsontype.NamedType;
import dev.ablate.core.error.DidYouMean;
import dev.ablate.core.error.UserException;
import dev.ablate.core.spi.ComponentDescriptor;
import dev.ablate.core.spi.ComponentKind;
import dev.ablate.core.spi.InvalidConfigException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Reads configs strictly: unknown fields, wrong types, duplicate keys, trailing content, unknown
 * plugin ids and rule violations are errors, reported with the file, JSON path, line:column and
 * "did you mean" suggestions. Every registered plugin config is a Jackson subtype named by its id.
 */
public final class ConfigJson {

    private static final String NOT_LOADED_HINT = " If it comes from a plugin JAR, load it: put the JAR in plugins/, "
            + "or pass --plugins DIR (ablate plugins lists what is loaded).";

    /**
     * What to say after an unknown plugin id: "did you mean" when a known id is close, else that it
     * may come from a plugin JAR that is not loaded.
     */
    public static String unknownPluginHint(String id, Collection<String> known) {
        String hint = DidYouMean.hint(id, known);
        return hint.isEmpty() ? NOT_LOADED_HINT : hint;
    }

    private final ObjectMapper mapper;
    private final Map<ComponentKind, List<String>> knownIds = new EnumMap<>(ComponentKind.class);

    public ConfigJson(Collection<? extends ComponentDescriptor<?>> descriptors) {
        this.mapper = JsonMapper.builder()
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
                .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .build();
        for (ComponentDescriptor<?> d : descriptors) {
            mapper.registerSubtypes(new NamedType(d.configType(), d.id()));
            knownIds.computeIfAbsent(d.kind(), k -> new ArrayList<>()).add(d.id());
        }
        knownIds.values().forEach(ids -> ids.sort(null));
    }

    /** The strict mapper, for writing configs and for reading them where no file is involved. */
    public ObjectMapper mapper() {
        return mapper;
    }

    /** Reads {@code json} as a {@code type}; {@code source} names the input in error messages. */
    public <T> T read(String source, String json, Class<T> type) {
        try {
            return mapper.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new ConfigException(problem(source, e));
        }
    }

    /** Reads a file as a {@code type}. */
    public <T> T read(Path file, Class<T> type) {
        String json;
        try {
            json = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new UserException(file + ": no such file");
        } catch (IOException e) {
            throw new UserException(file + ": cannot read (" + e.getMessage() + ")");
        }
        return read(file.toString(), json, type);
    }

    /**
     * The fields of {@code node} that {@code type} (and, recursively, its nested configs) does not
     * know, with paths relative to {@code node}. Jackson builds a record before it reports the unknown
     * fields it buffered, so a misspelled required field would otherwise surface only as the rule the
     * constructor enforces ("length: must be given"); call this first to name the misspelling.
     */
    public List<ConfigProblem> unknownFields(String source, JsonNode node, Class<?> type) {
        List<ConfigProblem> found = new ArrayList<>();
        unknownFields(source, node, mapper.constructType(type), "", found);
        return found;
    }

    private void unknownFields(String source, JsonNode node, JavaType type, String path, List<ConfigProblem> found) {
        if (node == null || type == null) {
            return;
        }
        if (type.isCollectionLikeType() || type.isArrayType()) {
            for (int i = 0; node.isArray() && i < node.size(); i++) {
                unknownFields(source, node.get(i), type.getContentType(), path + "[" + i + "]", found);
            }
            return;
        }
        if (type.isMapLikeType()) {
            if (node.isObject()) {
                node.properties().forEach(e ->
                        unknownFields(source, e.getValue(), type.getContentType(), path + "['" + e.getKey() + "']", found));
            }
            return;
        }
        Class<?> raw = type.getRawClass();
        if (!node.isObject() || raw.isPrimitive() || raw.getName().startsWith("java.") || JsonNode.class.isAssignableFrom(raw)) {
            return;
        }
        JavaType concrete = type;
        List<String> known = new ArrayList<>();
        JsonTypeInfo typeInfo = raw.getAnnotation(JsonTypeInfo.class);
        if (typeInfo != null) {
            String property = typeInfo.property().isEmpty() ? "@type" : typeInfo.property();
            Class<?> subtype = subtypes(type).get(node.path(property).asText(""));
            if (subtype == null) {
                return; // a missing or unknown type id is reported by the conversion itself
            }
            known.add(property);
            concrete = mapper.constructType(subtype);
        }
        var description = mapper.getDeserializationConfig().introspect(concrete);
        Map<String, JavaType> properties = new java.util.LinkedHashMap<>();
        for (BeanPropertyDefinition p : description.findProperties()) {
            properties.put(p.getName(), p.getPrimaryType());
        }
        known.addAll(properties.keySet());
        known.addAll(description.getIgnoredPropertyNames());
        List<String> listed = known.stream().distinct().sorted().toList();
        node.properties().forEach(e -> {
            String field = e.getKey();
            String at = path.isEmpty() ? field : path + "." + field;
            if (!listed.contains(field)) {
                found.add(new ConfigProblem(source, at, 0, 0, "unknown field '" + field + "'; known fields: "
                        + String.join(", ", listed) + "." + DidYouMean.hint(field, listed)));
            } else if (properties.containsKey(field)) {
                unknownFields(source, e.getValue(), properties.get(field), at, found);
            }
        });
    }

    /** Type id to class, for a polymorphic base: its {@code @JsonSubTypes} and the registered plugins. */
    private Map<String, Class<?>> subtypes(JavaType baseType) {
        var config = mapper.getDeserializationConfig();
        var annotated = AnnotatedClassResolver.resolveWithoutSuperTypes(config, baseType.getRawClass());
        Map<String, Class<?>> byId = new java.util.HashMap<>();
        for (NamedType t : mapper.getSubtypeResolver().collectAndResolveSubtypesByTypeId(config, annotated)) {
            if (t.hasName()) {
                byId.put(t.getName(), t.getType());
            }
        }
        return byId;
    }

    /** Describes a Jackson failure the way a user needs it: where, what was expected, what is known. */
    public ConfigProblem problem(String source, JsonProcessingException e) {
        JsonLocation at = e.getLocation();
        int line = at == null ? 0 : Math.max(0, at.getLineNr());
        int column = at == null ? 0 : Math.max(0, at.getColumnNr());
        String path = e instanceof JsonMappingException m ? path(m.getPath()) : "";
        String message;
        if (e instanceof UnrecognizedPropertyException u) {
            List<String> known = u.getKnownPropertyIds().stream().map(Object::toString).sorted().toList();
            message = "unknown field '" + u.getPropertyName() + "'; known fields: " + String.join(", ", known) + "."
                    + DidYouMean.hint(u.getPropertyName(), known);
        } else if (e instanceof InvalidTypeIdException t) {
            message = unknownType(t);
        } else if (e instanceof ValueInstantiationException v && v.getCause() instanceof InvalidConfigException c) {
            path = path.isEmpty() ? c.parameter() : path + "." + c.parameter();
            message = c.rule() + " (got " + c.value() + ")";
        } else if (e instanceof InvalidFormatException f) {
            message = invalidValue(f);
        } else if (e instanceof MismatchedInputException m) {
            message = e.getOriginalMessage().startsWith("Trailing token")
                    ? "unexpected content after the end of the JSON value"
                    : "expected " + expected(m.getTargetType());
        } else if (e instanceof JsonParseException) {
            message = "invalid JSON: " + e.getOriginalMessage();
        } else {
            message = e.getOriginalMessage();
        }
        return new ConfigProblem(source, path, line, column, message);
    }

    private String unknownType(InvalidTypeIdException t) {
        ComponentKind kind = kindOf(t.getBaseType());
        List<String> known = kind != null ? knownIds.getOrDefault(kind, List.of()) : declaredSubtypes(t.getBaseType());
        String label = kind == null ? "" : kind.label() + " ";
        if (t.getTypeId() == null) {
            return "missing \"type\"; known " + label + "types: " + String.join(", ", known);
        }
        String hint = kind != null ? unknownPluginHint(t.getTypeId(), known) : DidYouMean.hint(t.getTypeId(), known);
        return "unknown " + label + "type '" + t.getTypeId() + "'; known: " + String.join(", ", known) + "." + hint;
    }

    /** The type ids of a non-plugin polymorphic type (tasks, schedules, ...), from its {@code @JsonSubTypes}. */
    private List<String> declaredSubtypes(JavaType baseType) {
        return baseType == null ? List.of() : subtypes(baseType).keySet().stream().sorted().toList();
    }

    private String invalidValue(InvalidFormatException f) {
        Class<?> target = f.getTargetType();
        if (target != null && target.isEnum()) {
            List<String> names = Arrays.stream(target.getEnumConstants()).map(this::jsonName).toList();
            String given = String.valueOf(f.getValue());
            return "unknown value '" + given + "'; expected one of: " + String.join(", ", names) + "."
                    + DidYouMean.hint(given, names);
        }
        return "expected " + expected(target) + ", got " + quoted(f.getValue());
    }

    private String jsonName(Object enumConstant) {
        return mapper.convertValue(enumConstant, String.class);
    }

    private static ComponentKind kindOf(JavaType baseType) {
        if (baseType == null) {
            return null;
        }
        for (ComponentKind k : ComponentKind.values()) {
            if (k.configBase() == baseType.getRawClass()) {
                return k;
            }
        }
        return null;
    }

    private static String expected(Class<?> type) {
        if (type == null) {
            return "a different value";
        }
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
            return "an integer";
        }
        if (type == Double.class || type == double.class || type == Float.class || type == float.class) {
            return "a number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (type == String.class) {
            return "a string";
        }
        if (type.isArray() || Collection.class.isAssignableFrom(type)) {
            return "an array";
        }
        return "an object";
    }

    private static String quoted(Object value) {
        return value instanceof String s ? "\"" + s + "\"" : String.valueOf(value);
    }

    /** {@code model.attention.window}, {@code seeds[2]}. */
    static String path(List<JsonMappingException.Reference> references) {
        StringBuilder s = new StringBuilder();
        for (JsonMappingException.Reference r : references) {
            if (r.getFieldName() != null) {
                if (s.length() > 0) {
                    s.append('.');
                }
                s.append(r.getFieldName());
            } else if (r.getIndex() >= 0) {
                s.append('[').append(r.getIndex()).append(']');
            }
        }
        return s.toString();
    }
}
