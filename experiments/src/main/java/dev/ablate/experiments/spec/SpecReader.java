package dev.ablate.experiments.spec;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ablate.core.config.ConfigException;
import dev.ablate.core.config.ConfigJson;
import dev.ablate.core.error.UserException;
import dev.ablate.core.registry.ComponentRegistry;
import dev.ablate.models.transformer.TransformerFactory;
import dev.ablate.tasks.TaskConfig;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * Reads an experiment spec and checks all of it before anything trains: syntax, unknown fields,
 * types, plugin ids, dotted paths in {@code axes} and {@code variants}, every variant's resolved
 * config, and whether the task, the model and the metric fit together. Every problem is reported at
 * once, each with the file, line:column and JSON path of the value the user wrote (for a value set
 * by an axis or variant, the place in the axis or variant that set it).
 */
public final class SpecReader {

    private final ComponentRegistry registry;
    private final TransformerFactory factory;
    private final ConfigJson json;
    private final ObjectMapper mapper;
    private final ObjectMapper canonical;

    @Inject
    public SpecReader(ComponentRegistry registry, TransformerFactory factory) {
        this.registry = registry;
        this.factory = factory;
        this.json = registry.json();
        this.mapper = json.mapper();
        this.canonical = ((JsonMapper) mapper).rebuild()
                .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
                .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
                .build();
    }

    /** Reads and checks {@code file}; throws a {@code ConfigException} listing every problem. */
    public ExperimentPlan read(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
            if (text.startsWith("\uFEFF")) {
                text = text.substring(1);   // a byte order mark, as some Windows editors write
            }
        } catch (NoSuchFileException e) {
            throw new UserException(file + ": no such file");
        } catch (IOException e) {
            throw new UserException(file + ": cannot read (" + e.getMessage() + ")");
        }
        Path folder = file.toAbsolutePath().getParent();
        return new SpecReading(this, file.toString(), text, folder).plan(file);
    }

    /** Reads spec {@code text}; {@code source} names it in messages, relative task files resolve against {@code folder}. */
    public ExperimentPlan read(String source, String text, Path folder) {
        return new SpecReading(this, source, text, folder).plan(null);
    }

    /**
     * The canonical JSON of a value: properties in a fixed order, map keys sorted, every default
     * filled in, so equal configs give equal text and equal hashes.
     */
    public String canonicalJson(Object value) {
        try {
            return canonical.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + value, e);
        }
    }

    /** The mapper that writes configs with their plugin type ids. */
    public ObjectMapper mapper() {
        return mapper;
    }

    static String sha256(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** What a variant's hash covers; declared types, so polymorphic configs keep their "type". */
    record VariantIdentity(TaskConfig task, RunConfig config) {}

    /** What the plan's hash covers. */
    record PlanIdentity(TaskConfig task, List<String> variants, List<Integer> seeds) {}

    ComponentRegistry registry() {
        return registry;
    }

    TransformerFactory factory() {
        return factory;
    }

    ConfigJson json() {
        return json;
    }

    static void set(ObjectNode root, String[] segments, JsonNode value) {
        ObjectNode node = root;
        for (int i = 0; i < segments.length - 1; i++) {
            JsonNode child = node.get(segments[i]);
            if (child == null || !child.isObject()) {
                child = node.putObject(segments[i]);
            }
            node = (ObjectNode) child;
        }
        node.set(segments[segments.length - 1], value);
    }

    static String join(String parent, String child) {
        if (child.isEmpty()) {
            return parent;
        }
        if (parent.isEmpty() || child.startsWith("[")) {
            return parent + child;
        }
        return parent + "." + child;
    }
}
