package dev.ablate.experiments.spec;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ablate.core.config.ConfigException;
import dev.ablate.core.config.ConfigJson;
import dev.ablate.core.config.ConfigProblem;
import dev.ablate.core.error.DidYouMean;
import dev.ablate.core.error.UserException;
import dev.ablate.core.model.ModelConfig;
import dev.ablate.core.model.ModelFamily;
import dev.ablate.core.model.TaskShape;
import dev.ablate.core.registry.ComponentRegistry;
import dev.ablate.core.spi.InvalidConfigException;
import dev.ablate.experiments.evaluation.EvaluationConfig;
import dev.ablate.data.task.Task;
import dev.ablate.data.task.TaskConfig;
import dev.ablate.data.task.TaskKind;
import dev.ablate.experiments.training.TrainingConfig;
import dev.ablate.models.transformer.TransformerFactory;
import jakarta.inject.Inject;
import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads an experiment spec and checks all of it before anything trains: syntax, unknown fields,
 * types, plugin ids, dotted paths in {@code axes} and {@code variants}, every variant's resolved
 * config, and whether the task, the model and the metric fit together. Every problem is reported at
 * once, each with the file, line:column and JSON path of the value the user wrote (for a value set
 * by an axis or variant, the place in the axis or variant that set it).
 */
public final class SpecReader {

    private static final List<String> TOP_FIELDS = fieldsOf(ExperimentSpec.class);
    private static final List<String> BASE_FIELDS = fieldsOf(RunConfig.class);
    private static final Pattern SAFE_NAME = Pattern.compile("[A-Za-z0-9_=(),+-][A-Za-z0-9._=(),+-]*");

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
        return new Reading(file.toString(), text, folder).plan(file);
    }

    /** Reads spec {@code text}; {@code source} names it in messages, relative task files resolve against {@code folder}. */
    public ExperimentPlan read(String source, String text, Path folder) {
        return new Reading(source, text, folder).plan(null);
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
    private record VariantIdentity(TaskConfig task, RunConfig config) {}

    /** What the plan's hash covers. */
    private record PlanIdentity(TaskConfig task, List<String> variants, List<Integer> seeds) {}

    /** One dotted path set by an axis value or a variant, and where in the file it was set. */
    private record Setting(String dotted, JsonNode value, String sourcePath) {}

    /** A variant before its config is resolved. */
    private record Draft(String id, List<Setting> settings, String sourcePath) {}

    /** The state of reading one spec: the problems found so far and where values sit in the file. */
    private final class Reading {

        private final String source;
        private final String text;
        private final Path folder;
        private final Set<ConfigProblem> problems = new LinkedHashSet<>();
        private final Set<String> reported = new java.util.HashSet<>();
        private JsonLocations locations;

        Reading(String source, String text, Path folder) {
            this.source = source;
            this.text = text;
            this.folder = folder;
        }

        ExperimentPlan plan(Path file) {
            JsonNode root;
            try {
                root = mapper.readTree(text);
            } catch (JsonProcessingException e) {
                throw new ConfigException(json.problem(source, e));
            }
            if (root == null || !root.isObject()) {
                throw new ConfigException(
                        new ConfigProblem(source, "", 1, 1, "expected a JSON object with name, task, base, axes, variants, seeds"));
            }
            locations = new JsonLocations(text);

            checkFields(root, "", TOP_FIELDS);
            String name = requiredName(root);
            String description = textField(root, "description");
            TaskConfig taskConfig = required(root, "task", TaskConfig.class);
            JsonNode base = root.path("base");
            if (base.isMissingNode()) {
                base = JsonNodeFactory.instance.objectNode();
            } else if (!base.isObject()) {
                add("base", "expected an object with model, training, evaluation");
                base = JsonNodeFactory.instance.objectNode();
            } else {
                checkFields(base, "base", BASE_FIELDS);
            }
            List<Integer> seeds = seeds(root);
            Draft none = new Draft("base", List.of(), "base");
            ModelConfig baseModel = section((ObjectNode) base, "model", ModelConfig.class, none);
            EvaluationConfig baseEvaluation = section((ObjectNode) base, "evaluation", EvaluationConfig.class, none);
            RunConfig baseConfig = new RunConfig(baseModel,
                    section((ObjectNode) base, "training", TrainingConfig.class, none), baseEvaluation);
            List<Draft> drafts = drafts(root);

            Task task = load(taskConfig);
            if (taskConfig != null && baseModel != null && baseEvaluation != null) {
                // The base must fit the task itself; checked first, so variants that inherit a problem
                // do not each report it again.
                checkAgainstTask(registry.complete(baseModel), baseEvaluation, taskConfig.kind(), task, none);
            }
            List<Variant> variants = new ArrayList<>();
            for (Draft draft : drafts) {
                Variant v = resolve(draft, (ObjectNode) base, taskConfig, task);
                if (v != null) {
                    variants.add(v);
                }
            }
            String baseline = baseline(root, drafts);
            if (!problems.isEmpty()) {
                throw new ConfigException(List.copyOf(problems));
            }
            Map<String, List<JsonNode>> axes = new LinkedHashMap<>();
            root.path("axes").properties().forEach(e -> axes.put(e.getKey(), list(e.getValue())));
            List<VariantSpec> variantSpecs = new ArrayList<>();
            for (JsonNode v : root.path("variants")) {
                Map<String, JsonNode> set = new LinkedHashMap<>();
                v.path("set").properties().forEach(e -> set.put(e.getKey(), e.getValue()));
                variantSpecs.add(new VariantSpec(v.path("name").asText(), set));
            }
            ExperimentSpec spec = new ExperimentSpec(name, description, taskConfig,
                    baseConfig, axes, variantSpecs, seeds, baseline);
            String hash = sha256(canonicalJson(new PlanIdentity(taskConfig, variants.stream().map(Variant::hash).toList(),
                    seeds))).substring(0, 16);
            return new ExperimentPlan(spec, file, hash, task, List.copyOf(variants), seeds, baseline);
        }

        private String requiredName(JsonNode root) {
            JsonNode node = root.get("name");
            if (node == null) {
                add("", "missing \"name\": the experiment's name, used as its folder in the run store");
                return "";
            }
            if (!node.isTextual() || !SAFE_NAME.matcher(node.asText()).matches()) {
                add("name", "expected a folder-safe name (letters, digits and . _ - = ( ) , +, not starting with '.'), got "
                        + node);
                return "";
            }
            return node.asText();
        }

        private String textField(JsonNode root, String field) {
            JsonNode node = root.get(field);
            if (node == null || node.isNull()) {
                return null;
            }
            if (!node.isTextual()) {
                add(field, "expected a string");
                return null;
            }
            return node.asText();
        }

        private <T> T required(JsonNode root, String field, Class<T> type) {
            JsonNode node = root.get(field);
            if (node == null || node.isNull()) {
                add("", "missing \"" + field + "\"");
                return null;
            }
            return convert(node, field, type);
        }

        /** Converts {@code node} (found at {@code path}) to {@code type}, recording the problem if it cannot. */
        private <T> T convert(JsonNode node, String path, Class<T> type) {
            List<ConfigProblem> unknown = json.unknownFields(source, node, type);
            unknown.forEach(p -> add(join(path, p.path()), p.message()));
            try {
                return mapper.treeToValue(node, type);
            } catch (JsonProcessingException e) {
                if (!(e instanceof UnrecognizedPropertyException) || unknown.isEmpty()) {
                    ConfigProblem p = json.problem(source, e);
                    add(join(path, p.path()), p.message());
                }
                return null;
            } catch (IllegalArgumentException e) {
                add(path, String.valueOf(e.getMessage()));
                return null;
            }
        }

        private List<Integer> seeds(JsonNode root) {
            JsonNode node = root.get("seeds");
            if (node == null) {
                return List.of(1);
            }
            if (!node.isArray() || node.isEmpty()) {
                add("seeds", "expected a non-empty array of integers, e.g. [1, 2, 3]");
                return List.of();
            }
            List<Integer> seeds = new ArrayList<>();
            for (int i = 0; i < node.size(); i++) {
                JsonNode s = node.get(i);
                if (!s.isIntegralNumber() || !s.canConvertToInt() || s.asInt() < 0) {
                    add(JsonLocations.index("seeds", i), "expected an integer >= 0, got " + s);
                } else if (seeds.contains(s.asInt())) {
                    add(JsonLocations.index("seeds", i), "seed " + s.asInt() + " is listed twice");
                } else {
                    seeds.add(s.asInt());
                }
            }
            return seeds;
        }

        /** The grid of axes, then the named variants; the base alone when there are neither. */
        private List<Draft> drafts(JsonNode root) {
            List<Draft> drafts = new ArrayList<>(grid(root.get("axes")));
            JsonNode variants = root.get("variants");
            if (variants != null && !variants.isNull()) {
                if (!variants.isArray() || variants.isEmpty()) {
                    add("variants", "expected a non-empty array of {\"name\": ..., \"set\": {\"dotted.path\": value}}; "
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
                    add(d.sourcePath(), "variant id '" + d.id() + "' is already used by " + previous + "; ids must be unique");
                }
            }
            return drafts;
        }

        private List<Draft> grid(JsonNode axes) {
            if (axes == null || axes.isNull()) {
                return List.of();
            }
            if (!axes.isObject() || axes.isEmpty()) {
                add("axes", "expected an object: dotted path -> array of values, e.g. {\"model.heads\": [1, 4, 8]}; "
                        + "leave axes out for none");
                return List.of();
            }
            List<String> paths = new ArrayList<>();
            List<List<Setting>> values = new ArrayList<>();
            for (Map.Entry<String, JsonNode> axis : axes.properties()) {
                String at = JsonLocations.field("axes", axis.getKey());
                boolean pathOk = checkDotted(axis.getKey(), at);
                if (!axis.getValue().isArray() || axis.getValue().isEmpty()) {
                    add(at, "expected a non-empty array of values for " + axis.getKey());
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
                        add(JsonLocations.index(at, i), "the same value as " + JsonLocations.index(at, first)
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
                add(at, "expected {\"name\": ..., \"set\": {\"dotted.path\": value}}");
                return null;
            }
            checkFields(variant, at, fieldsOf(VariantSpec.class));
            JsonNode name = variant.get("name");
            if (name == null || !name.isTextual() || !SAFE_NAME.matcher(name.asText()).matches()) {
                add(name == null ? at : JsonLocations.field(at, "name"),
                        "expected a name of letters, digits and . _ - = ( ) , +, not starting with '.' (it names the variant's folder)");
                return null;
            }
            JsonNode set = variant.get("set");
            List<Setting> settings = new ArrayList<>();
            if (set != null && !set.isObject()) {
                add(JsonLocations.field(at, "set"), "expected an object: dotted path -> value");
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
                    add(at, "unknown path '" + dotted + "': " + walked + " has no fields");
                    return false;
                }
                List<String> known = fieldsOf(type);
                if (!known.contains(segment)) {
                    String prefix = walked.isEmpty() ? "" : walked + ".";
                    List<String> full = known.stream().map(k -> prefix + k).toList();
                    add(at, "unknown path '" + dotted + "'; " + (walked.isEmpty() ? "paths start with " : walked + " has ")
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

        private Task load(TaskConfig config) {
            if (config == null) {
                return null;
            }
            try {
                return config.load(folder);
            } catch (InvalidConfigException e) {
                add(join("task", e.parameter()), e.rule() + " (got " + e.value() + ")");
            } catch (UserException e) {
                add("task", e.getMessage());
            }
            return null;
        }

        /** Applies the draft's settings to base, converts the result and checks it against the task. */
        private Variant resolve(Draft draft, ObjectNode base, TaskConfig taskConfig, Task task) {
            for (Setting a : draft.settings()) {
                for (Setting b : draft.settings()) {
                    if (b.dotted().startsWith(a.dotted() + ".")) {
                        add(b.sourcePath(), "'" + b.dotted() + "' lies inside '" + a.dotted() + "', which is set too; set one "
                                + "of them (e.g. the whole value of " + a.dotted() + ")");
                        return null;
                    }
                }
            }
            ObjectNode merged = base.deepCopy();
            for (Setting s : draft.settings()) {
                set(merged, s.dotted().split("\\."), s.value().deepCopy());
            }
            int before = problems.size();
            ModelConfig model = section(merged, "model", ModelConfig.class, draft);
            TrainingConfig training = section(merged, "training", TrainingConfig.class, draft);
            EvaluationConfig evaluation = section(merged, "evaluation", EvaluationConfig.class, draft);
            if (problems.size() > before || model == null || training == null || evaluation == null) {
                return null;
            }
            model = registry.complete(model);
            if (taskConfig != null) {
                evaluation = checkAgainstTask(model, evaluation, taskConfig.kind(), task, draft);
            }
            RunConfig config = new RunConfig(model, training, evaluation);
            String hash = taskConfig == null ? "" : sha256(canonicalJson(new VariantIdentity(taskConfig, config)))
                    .substring(0, 12);
            Map<String, JsonNode> settings = new LinkedHashMap<>();
            draft.settings().forEach(s -> settings.put(s.dotted(), s.value()));
            return new Variant(draft.id(), hash, config, settings);
        }

        private <T> T section(ObjectNode merged, String field, Class<T> type, Draft draft) {
            JsonNode node = merged.get(field);
            if (node == null || node.isNull()) {
                node = JsonNodeFactory.instance.objectNode();
            }
            List<ConfigProblem> unknown = json.unknownFields(source, node, type);
            unknown.forEach(p -> addResolved(join(field, p.path()), p.message(), draft));
            try {
                return mapper.treeToValue(node, type);
            } catch (JsonProcessingException e) {
                if (!(e instanceof UnrecognizedPropertyException) || unknown.isEmpty()) {
                    ConfigProblem p = json.problem(source, e);
                    addResolved(join(field, p.path()), p.message(), draft);
                }
                return null;
            }
        }

        private EvaluationConfig checkAgainstTask(
                ModelConfig model, EvaluationConfig evaluation, TaskKind kind, Task task, Draft draft) {
            ModelFamily family = kind.family();
            if (model.family() != family) {
                addResolved("model.family", "the task is " + kind.label() + ", which needs the " + family.label()
                        + " family (got " + model.family().label() + ")", draft);
            }
            String metric = evaluation.metric();
            List<String> metrics = kind.metricNames();
            if (metric == null) {
                evaluation = evaluation.withMetric(kind.defaultMetric().name());
            } else if (!metrics.contains(metric)) {
                addResolved("evaluation.metric", "'" + metric + "' is not a metric of a " + kind.label() + " task; known: "
                        + String.join(", ", metrics) + "." + DidYouMean.hint(metric, metrics), draft);
            }
            if (task != null && model.family() == family) {
                TaskShape shape = task.shape();
                for (ConfigProblem p : factory.check(model, shape)) {
                    addResolved(join("model", p.path()), p.message(), draft);
                }
            }
            return evaluation;
        }

        private String baseline(JsonNode root, List<Draft> drafts) {
            List<String> ids = drafts.stream().map(Draft::id).toList();
            JsonNode node = root.get("baseline");
            if (node == null || node.isNull()) {
                return ids.isEmpty() ? null : ids.get(0);
            }
            if (!node.isTextual() || !ids.contains(node.asText())) {
                add("baseline", "expected one of the variant ids: " + String.join(", ", ids) + "."
                        + DidYouMean.hint(node.asText(), ids));
                return null;
            }
            return node.asText();
        }

        /** A problem in a variant's merged config, reported where the offending value was written. */
        private void addResolved(String mergedPath, String message, Draft draft) {
            Setting owner = null;
            for (Setting s : draft.settings()) {
                String p = s.dotted();
                boolean covers = mergedPath.equals(p) || mergedPath.startsWith(p + ".") || mergedPath.startsWith(p + "[");
                if (covers && (owner == null || p.length() > owner.dotted().length())) {
                    owner = s;
                }
            }
            if (owner == null && !draft.settings().isEmpty()) {
                if (!reported.contains(key(join("base", mergedPath), message))) {
                    // Not wrong in the base, so this variant's settings make it wrong: report it at them.
                    add(draft.settings().get(0).sourcePath(), mergedPath + ": " + message + " (in variant " + draft.id() + ")");
                }
            } else if (owner == null) {
                add(join("base", mergedPath), message);
            } else {
                String rest = mergedPath.substring(owner.dotted().length());
                add(owner.sourcePath() + rest, message + " (in variant " + draft.id() + ")");
            }
        }

        private void checkFields(JsonNode node, String at, List<String> known) {
            for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
                String field = it.next();
                if (!known.contains(field)) {
                    add(JsonLocations.field(at, field), "unknown field '" + field + "'; known fields: "
                            + String.join(", ", known) + "." + DidYouMean.hint(field, known));
                }
            }
        }

        private String key(String path, String message) {
            return path + "\n" + message.replaceFirst(" \\(in variant .*\\)$", "");
        }

        private void add(String path, String message) {
            int[] at = locations == null ? new int[] {0, 0} : locations.find(path);
            // One bad axis value shows up in every grid point it is part of: report it once.
            if (reported.add(key(path, message))) {
                problems.add(new ConfigProblem(source, path, at[0], at[1], message));
            }
        }
    }

    private static void set(ObjectNode root, String[] segments, JsonNode value) {
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

    private static String join(String parent, String child) {
        if (child.isEmpty()) {
            return parent;
        }
        if (parent.isEmpty() || child.startsWith("[")) {
            return parent + child;
        }
        return parent + "." + child;
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

    private static List<JsonNode> list(JsonNode array) {
        List<JsonNode> items = new ArrayList<>();
        array.forEach(items::add);
        return items;
    }

    private static List<String> fieldsOf(Class<?> record) {
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
