package dev.ablate.bench;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ablate.core.config.ConfigException;
import dev.ablate.core.config.ConfigJson;
import dev.ablate.core.config.ConfigProblem;
import dev.ablate.core.error.UserException;
import dev.ablate.core.spi.AttentionConfig;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads the {@code --variants} syntax: comma-separated {@code id[:key=value[:key=value...]]}, where
 * a comma-separated token with {@code =} but no {@code :} adds a setting to the variant before it,
 * so {@code restricted:window=32,dropout=0.1,full} is two variants. Values are JSON scalars
 * ({@code 32}, {@code 0.1}, {@code true}); anything else is a string. Each variant becomes its
 * plugin's config record through the strict {@link ConfigJson}: an unknown id, an unknown field or
 * a bad value is a {@link UserException} naming the variant.
 */
public final class BenchVariants {

    private static final ObjectMapper SCALARS = new ObjectMapper();

    private BenchVariants() {}

    /** The variants {@code text} names, in order. */
    public static List<BenchVariant> parse(String text, ConfigJson json) {
        List<Draft> drafts = new ArrayList<>();
        for (String raw : text.split(",", -1)) {
            String token = raw.strip();
            if (token.isEmpty()) {
                throw new UserException("--variants '" + text + "': empty variant (two commas in a row, or a comma at "
                        + "an end)");
            }
            int colon = token.indexOf(':');
            if (colon < 0 && token.contains("=")) {
                if (drafts.isEmpty()) {
                    throw new UserException("--variants '" + text + "': '" + token + "' sets a field but names no "
                            + "variant; write id:key=value, e.g. restricted:window=32");
                }
                Draft previous = drafts.get(drafts.size() - 1);
                previous.written.append(',').append(token);
                previous.set(token);
                continue;
            }
            String[] parts = token.split(":", -1);
            Draft draft = new Draft(parts[0].strip(), token);
            if (draft.id.isEmpty()) {
                throw new UserException("--variants '" + text + "': '" + token + "' has no plugin id before ':'");
            }
            for (int i = 1; i < parts.length; i++) {
                draft.set(parts[i].strip());
            }
            drafts.add(draft);
        }
        List<BenchVariant> variants = new ArrayList<>();
        Set<String> names = new LinkedHashSet<>();
        for (Draft d : drafts) {
            BenchVariant v = d.resolve(json);
            if (!names.add(v.name())) {
                throw new UserException("--variants '" + text + "': variant '" + v.name() + "' is given twice");
            }
            variants.add(v);
        }
        return variants;
    }

    /** {@code restricted(window=32)}, {@code full}: the way experiments name a plugin with settings. */
    public static String name(String id, Map<String, JsonNode> settings) {
        if (settings.isEmpty()) {
            return id;
        }
        List<String> fields = new ArrayList<>();
        settings.forEach((k, v) -> fields.add(k + "=" + (v.isTextual() ? v.asText() : v.toString())));
        return id + "(" + String.join(",", fields) + ")";
    }

    /** A variant as written, before its config is read. */
    private static final class Draft {
        final String id;
        final Map<String, JsonNode> settings = new LinkedHashMap<>();
        final StringBuilder written;

        Draft(String id, String token) {
            this.id = id;
            this.written = new StringBuilder(token);
        }

        void set(String setting) {
            if (setting.isEmpty()) {
                throw new UserException("--variants: '" + written + "' has an empty setting; write id:key=value");
            }
            int eq = setting.indexOf('=');
            if (eq < 0) {
                throw new UserException("--variants: '" + setting + "' in '" + written + "' is not key=value");
            }
            String key = setting.substring(0, eq).strip();
            String value = setting.substring(eq + 1).strip();
            if (key.isEmpty()) {
                throw new UserException("--variants: '" + setting + "' in '" + written + "' has no field name before '='");
            }
            if (key.equals("type")) {
                throw new UserException("--variants: '" + written + "': the plugin id comes first (" + id
                        + ":key=value), not as type=");
            }
            if (settings.containsKey(key)) {
                throw new UserException("--variants: '" + written + "' sets '" + key + "' twice");
            }
            settings.put(key, scalar(value));
        }

        BenchVariant resolve(ConfigJson json) {
            ObjectNode node = JsonNodeFactory.instance.objectNode();
            node.put("type", id);
            node.setAll(settings);
            AttentionConfig config;
            try {
                config = json.read("--variants '" + written + "'", node.toString(), AttentionConfig.class);
            } catch (ConfigException e) {
                // Lines and columns would point into JSON the user never wrote.
                throw new ConfigException(e.problems().stream()
                        .map(p -> new ConfigProblem(p.source(), p.path(), 0, 0, p.message()))
                        .toList());
            }
            JsonNode complete = json.mapper().valueToTree(config);
            if (!complete.has("type")) {
                ObjectNode typed = JsonNodeFactory.instance.objectNode().put("type", id);
                typed.setAll((ObjectNode) complete);
                complete = typed;
            }
            return new BenchVariant(name(id, settings), config, complete);
        }
    }

    /** {@code 32}, {@code 0.1}, {@code true}, {@code null} as JSON; anything else as a string. */
    static JsonNode scalar(String value) {
        try {
            JsonNode node = SCALARS.readTree(value);
            if (node != null && !node.isMissingNode() && !node.isContainerNode()) {
                return node;
            }
        } catch (JsonProcessingException e) {
            // not JSON: a string
        }
        return JsonNodeFactory.instance.textNode(value);
    }
}
