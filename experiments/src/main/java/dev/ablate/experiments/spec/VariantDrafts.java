package dev.ablate.experiments.spec;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ablate.core.error.DidYouMean;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The variants a spec sets out, before their configs are resolved: the grid of its axes, then its
 * named variants (the base alone when it has neither), each with a readable id and the dotted
 * paths it sets, every path checked against the config records and located in the file.
 */
final class VariantDrafts {

    static final Pattern SAFE_NAME = Pattern.compile("[A-Za-z0-9_=(),+-][A-Za-z0-9._=(),+-]*");

    /** One dotted path set by an axis value or a variant, and where in the file it was set. */
    record Setting(String dotted, JsonNode value, String sourcePath) {}

    /** A variant before its config is resolved. */
    record Draft(String id, List<Setting> settings, String sourcePath) {}

    private final SpecProblems problems;

    VariantDrafts(SpecProblems problems) {
        this.problems = problems;
    }

    /** The grid of axes, then the named variants; the base alone when there are neither. */
    List<Draft> drafts(JsonNode root) {
        List<Draft> drafts = new ArrayList<>(grid(root.get("axes")));
        JsonNode variants = root.get("variants");
        if (variants != null && !variants.isNull()) {
            if (!variants.isArray() || variants.isEmpty()) {
                problems.add("variants", "expected a non-empty array of {\"name\": ..., \"set\": {\"dotted.path\": value}}; "
                        + "leave variants out for none");
            } else {
                for (int i = 0; i < variants.size(); i++) {
                    Draft d = named(variants.get(i), JsonLocations.index("variants", i));
                    if (d != null) {
                        drafts.add(d);
                    }
                }
            }
        }
        boolean noAxes = root.path("axes").isMissingNode() || root.path("axes").isNull();
        boolean noVariants = root.path("variants").isMissingNode() || root.path("variants").isNull();
        if (drafts.isEmpty() && noAxes && noVariants) {
            drafts.add(new Draft("base", List.of(), "base"));
        }
        Map<String, String> seen = new LinkedHashMap<>();
        for (Draft d : drafts) {
            String previous = seen.putIfAbsent(d.id(), d.sourcePath());
            if (previous != null) {
                problems.add(d.sourcePath(), "variant id '" + d.id() + "' is already used by " + previous + "; ids must be unique");
            }
        }
        return drafts;
    }


    private List<Draft> grid(JsonNode axes) {
        if (axes == null || axes.isNull()) {
            return List.of();
        }
        if (!axes.isObject() || axes.isEmpty()) {
            problems.add("axes", "expected an object: dotted path -> array of values, e.g. {\"model.heads\": [1, 4, 8]}; "
                    + "leave axes out for none");
            return List.of();
        }
        List<String> paths = new ArrayList<>();
        List<List<Setting>> values = new ArrayList<>();
        for (Map.Entry<String, JsonNode> axis : axes.properties()) {
            String at = JsonLocations.field("axes", axis.getKey());
            boolean pathOk = checkDotted(axis.getKey(), at);
            if (!axis.getValue().isArray() || axis.getValue().isEmpty()) {
                problems.add(at, "expected a non-empty array of values for " + axis.getKey());
                continue;
            }
            if (!pathOk) {
                continue;
            }
            List<Setting> settings = new ArrayList<>();
            Map<JsonNode, Integer> firstIndex = new LinkedHashMap<>();
            for (int i = 0; i < axis.getValue().size(); i++) {
                JsonNode value = axis.getValue().get(i);
                Integer first = firstIndex.putIfAbsent(value, i);
                if (first != null) {
                    problems.add(JsonLocations.index(at, i), "the same value as " + JsonLocations.index(at, first)
                            + "; each value of an axis must differ");
                    continue;
                }
                settings.add(new Setting(axis.getKey(), value, JsonLocations.index(at, i)));
            }
            paths.add(axis.getKey());
            values.add(settings);
        }
        if (values.isEmpty()) {
            return List.of();
        }
        List<String> keys = shortKeys(paths);
        List<Draft> drafts = new ArrayList<>();
        int[] choice = new int[values.size()];
        while (true) {
            List<Setting> point = new ArrayList<>();
            List<String> parts = new ArrayList<>();
            for (int a = 0; a < values.size(); a++) {
                Setting s = values.get(a).get(choice[a]);
                point.add(s);
                parts.add(keys.get(a) + "=" + render(s.value()));
            }
            drafts.add(new Draft(String.join(",", parts), point, point.get(0).sourcePath()));
            int a = values.size() - 1;
            while (a >= 0 && ++choice[a] == values.get(a).size()) {
                choice[a--] = 0;
            }
            if (a < 0) {
                return drafts;
            }
        }
    }


    private Draft named(JsonNode variant, String at) {
        if (!variant.isObject()) {
            problems.add(at, "expected {\"name\": ..., \"set\": {\"dotted.path\": value}}");
            return null;
        }
        problems.checkFields(variant, at, fieldsOf(VariantSpec.class));
        JsonNode name = variant.get("name");
        if (name == null || !name.isTextual() || !SAFE_NAME.matcher(name.asText()).matches()) {
            problems.add(name == null ? at : JsonLocations.field(at, "name"),
                    "expected a name of letters, digits and . _ - = ( ) , +, not starting with '.' (it names the variant's folder)");
            return null;
        }
        JsonNode set = variant.get("set");
        List<Setting> settings = new ArrayList<>();
        if (set != null && !set.isObject()) {
            problems.add(JsonLocations.field(at, "set"), "expected an object: dotted path -> value");
        } else if (set != null) {
            for (Map.Entry<String, JsonNode> e : set.properties()) {
                String where = JsonLocations.field(JsonLocations.field(at, "set"), e.getKey());
                if (checkDotted(e.getKey(), where)) {
                    settings.add(new Setting(e.getKey(), e.getValue(), where));
                }
            }
        }
        return new Draft(name.asText(), settings, JsonLocations.field(at, "name"));
    }


    /** Whether {@code dotted} names a field under base, following record components until a plugin config. */
    private boolean checkDotted(String dotted, String at) {
        Class<?> type = RunConfig.class;
        String walked = "";
        for (String segment : dotted.split("\\.", -1)) {
            if (type == null || !type.isRecord()) {
                problems.add(at, "unknown path '" + dotted + "': " + walked + " has no fields");
                return false;
            }
            List<String> known = fieldsOf(type);
            if (!known.contains(segment)) {
                String prefix = walked.isEmpty() ? "" : walked + ".";
                List<String> full = known.stream().map(k -> prefix + k).toList();
                problems.add(at, "unknown path '" + dotted + "'; " + (walked.isEmpty() ? "paths start with " : walked + " has ")
                        + String.join(", ", full) + "." + DidYouMean.hint(prefix + segment, full));
                return false;
            }
            walked = walked.isEmpty() ? segment : walked + "." + segment;
            Class<?> next = componentType(type, segment);
            if (next.isInterface()) {
                return true;   // a plugin or polymorphic config: its fields are checked on the merged config
            }
            type = next.isRecord() ? next : null;
        }
        return true;
    }


    /**
     * Axis keys as short as they can be while unique: the last segment ({@code attention}), or the
     * whole dotted path where two axes share it.
     */
    private static List<String> shortKeys(List<String> paths) {
        List<String> lasts = paths.stream().map(p -> p.substring(p.lastIndexOf('.') + 1)).toList();
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < paths.size(); i++) {
            String last = lasts.get(i);
            keys.add(lasts.stream().filter(last::equals).count() > 1 ? paths.get(i) : last);
        }
        return keys;
    }


    /** {@code restricted(window=4)}, {@code 0.1}, {@code true}, {@code [1,2]}. */
    static String render(JsonNode value) {
        if (value.isTextual()) {
            return value.asText();
        }
        if (value.isArray()) {
            List<String> items = new ArrayList<>();
            value.forEach(v -> items.add(render(v)));
            return "[" + String.join(",", items) + "]";
        }
        if (value.isObject()) {
            String type = value.path("type").asText("");
            List<String> fields = new ArrayList<>();
            value.properties().forEach(e -> {
                if (!e.getKey().equals("type")) {
                    fields.add(e.getKey() + "=" + render(e.getValue()));
                }
            });
            return fields.isEmpty() ? (type.isEmpty() ? "()" : type) : type + "(" + String.join(",", fields) + ")";
        }
        return value.toString().replace('/', '_').replace(' ', '_');
    }


    static List<String> fieldsOf(Class<?> record) {
        return Arrays.stream(record.getRecordComponents()).map(RecordComponent::getName).toList();
    }


    private static Class<?> componentType(Class<?> record, String name) {
        for (RecordComponent c : record.getRecordComponents()) {
            if (c.getName().equals(name)) {
                return c.getType();
            }
        }
        throw new IllegalArgumentException(name);
    }

}
