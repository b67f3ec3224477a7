package dev.ablate.experiments.spec;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ablate.core.config.ConfigException;
import dev.ablate.core.config.ConfigProblem;
import dev.ablate.core.error.DidYouMean;
import dev.ablate.core.error.UserException;
import dev.ablate.core.model.ModelConfig;
import dev.ablate.core.model.ModelFamily;
import dev.ablate.core.model.TaskShape;
import dev.ablate.core.spi.InvalidConfigException;
import dev.ablate.experiments.evaluation.EvaluationConfig;
import dev.ablate.experiments.spec.VariantDrafts.Draft;
import dev.ablate.experiments.spec.VariantDrafts.Setting;
import dev.ablate.experiments.training.TrainingConfig;
import dev.ablate.store.Expectation;
import dev.ablate.tasks.Task;
import dev.ablate.tasks.TaskConfig;
import dev.ablate.tasks.TaskKind;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reading one spec: its top-level fields, the task (loaded, so the checks can see its data), the
 * base, and each variant resolved over the base and checked against the task and the plugins.
 * Every problem goes to {@link SpecProblems}, located where the user wrote the offending value (for
 * a value an axis or variant set, the place in the axis or variant); at the end they are thrown
 * together, or the plan is returned.
 */
final class SpecReading {

    private static final List<String> TOP_FIELDS = VariantDrafts.fieldsOf(ExperimentSpec.class);
    private static final List<String> BASE_FIELDS = VariantDrafts.fieldsOf(RunConfig.class);
    private static final List<String> EXPECT_FIELDS = VariantDrafts.fieldsOf(Expectation.class);
    private static final List<String> DIRECTIONS = Arrays.stream(Expectation.Direction.values())
            .map(Expectation.Direction::label).toList();

    private final SpecReader reader;
    private final String text;
    private final Path folder;
    private final SpecProblems problems;

    SpecReading(SpecReader reader, String source, String text, Path folder) {
        this.reader = reader;
        this.text = text;
        this.folder = folder;
        this.problems = new SpecProblems(source);
    }

    ExperimentPlan plan(Path file) {
        JsonNode root;
        try {
            root = reader.mapper().readTree(text);
        } catch (JsonProcessingException e) {
            throw new ConfigException(reader.json().problem(problems.source(), e));
        }
        if (root == null || !root.isObject()) {
            throw new ConfigException(
                    new ConfigProblem(problems.source(), "", 1, 1, "expected a JSON object with name, task, base, axes, variants, seeds"));
        }
        problems.locate(new JsonLocations(text));

        problems.checkFields(root, "", TOP_FIELDS);
        String name = requiredName(root);
        String description = textField(root, "description");
        TaskConfig taskConfig = required(root, "task", TaskConfig.class);
        JsonNode base = root.path("base");
        if (base.isMissingNode()) {
            base = JsonNodeFactory.instance.objectNode();
        } else if (!base.isObject()) {
            problems.add("base", "expected an object with model, training, evaluation");
            base = JsonNodeFactory.instance.objectNode();
        } else {
            problems.checkFields(base, "base", BASE_FIELDS);
        }
        List<Integer> seeds = seeds(root);
        Draft none = new Draft("base", List.of(), "base");
        ModelConfig baseModel = section((ObjectNode) base, "model", ModelConfig.class, none);
        EvaluationConfig baseEvaluation = section((ObjectNode) base, "evaluation", EvaluationConfig.class, none);
        RunConfig baseConfig = new RunConfig(baseModel,
                section((ObjectNode) base, "training", TrainingConfig.class, none), baseEvaluation);
        List<Draft> drafts = new VariantDrafts(problems).drafts(root);

        Task task = load(taskConfig);
        if (taskConfig != null && baseModel != null && baseEvaluation != null) {
            // The base must fit the task itself; checked first, so variants that inherit a problem
            // do not each report it again.
            checkAgainstTask(reader.registry().complete(baseModel), baseEvaluation, taskConfig.kind(), task, none);
        }
        List<Variant> variants = new ArrayList<>();
        for (Draft draft : drafts) {
            Variant v = resolve(draft, (ObjectNode) base, taskConfig, task);
            if (v != null) {
                variants.add(v);
            }
        }
        String baseline = baseline(root, drafts);
        List<Expectation> expect = expectations(root, drafts.stream().map(Draft::id).toList(),
                taskConfig == null ? null : taskConfig.kind());
        if (problems.count() > 0) {
            throw new ConfigException(problems.all());
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
                baseConfig, axes, variantSpecs, seeds, baseline, expect);
        String hash = SpecReader.sha256(reader.canonicalJson(new SpecReader.PlanIdentity(taskConfig, variants.stream().map(Variant::hash).toList(),
                seeds))).substring(0, 16);
        return new ExperimentPlan(spec, file, hash, task, List.copyOf(variants), seeds, baseline);
    }


    private String requiredName(JsonNode root) {
        JsonNode node = root.get("name");
        if (node == null) {
            problems.add("", "missing \"name\": the experiment's name, used as its folder in the run store");
            return "";
        }
        if (!node.isTextual() || !VariantDrafts.SAFE_NAME.matcher(node.asText()).matches()) {
            problems.add("name", "expected a folder-safe name (letters, digits and . _ - = ( ) , +, not starting with '.'), got "
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
            problems.add(field, "expected a string");
            return null;
        }
        return node.asText();
    }


    private <T> T required(JsonNode root, String field, Class<T> type) {
        JsonNode node = root.get(field);
        if (node == null || node.isNull()) {
            problems.add("", "missing \"" + field + "\"");
            return null;
        }
        return convert(node, field, type);
    }


    /** Converts {@code node} (found at {@code path}) to {@code type}, recording the problem if it cannot. */
    private <T> T convert(JsonNode node, String path, Class<T> type) {
        List<ConfigProblem> unknown = reader.json().unknownFields(problems.source(), node, type);
        unknown.forEach(p -> problems.add(SpecReader.join(path, p.path()), p.message()));
        try {
            return reader.mapper().treeToValue(node, type);
        } catch (JsonProcessingException e) {
            if (!(e instanceof UnrecognizedPropertyException) || unknown.isEmpty()) {
                ConfigProblem p = reader.json().problem(problems.source(), e);
                problems.add(SpecReader.join(path, p.path()), p.message());
            }
            return null;
        } catch (IllegalArgumentException e) {
            problems.add(path, String.valueOf(e.getMessage()));
            return null;
        }
    }


    private List<Integer> seeds(JsonNode root) {
        JsonNode node = root.get("seeds");
        if (node == null) {
            return List.of(1);
        }
        if (!node.isArray() || node.isEmpty()) {
            problems.add("seeds", "expected a non-empty array of integers, e.g. [1, 2, 3]");
            return List.of();
        }
        List<Integer> seeds = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            JsonNode s = node.get(i);
            if (!s.isIntegralNumber() || !s.canConvertToInt() || s.asInt() < 0) {
                problems.add(JsonLocations.index("seeds", i), "expected an integer >= 0, got " + s);
            } else if (seeds.contains(s.asInt())) {
                problems.add(JsonLocations.index("seeds", i), "seed " + s.asInt() + " is listed twice");
            } else {
                seeds.add(s.asInt());
            }
        }
        return seeds;
    }


    private Task load(TaskConfig config) {
        if (config == null) {
            return null;
        }
        try {
            return config.load(folder);
        } catch (InvalidConfigException e) {
            problems.add(SpecReader.join("task", e.parameter()), e.rule() + " (got " + e.value() + ")");
        } catch (UserException e) {
            problems.add("task", e.getMessage());
        }
        return null;
    }


    /** Applies the draft's settings to base, converts the result and checks it against the task. */
    private Variant resolve(Draft draft, ObjectNode base, TaskConfig taskConfig, Task task) {
        for (Setting a : draft.settings()) {
            for (Setting b : draft.settings()) {
                if (b.dotted().startsWith(a.dotted() + ".")) {
                    problems.add(b.sourcePath(), "'" + b.dotted() + "' lies inside '" + a.dotted() + "', which is set too; set one "
                            + "of them (e.g. the whole value of " + a.dotted() + ")");
                    return null;
                }
            }
        }
        ObjectNode merged = base.deepCopy();
        for (Setting s : draft.settings()) {
            SpecReader.set(merged, s.dotted().split("\\."), s.value().deepCopy());
        }
        int before = problems.count();
        ModelConfig model = section(merged, "model", ModelConfig.class, draft);
        TrainingConfig training = section(merged, "training", TrainingConfig.class, draft);
        EvaluationConfig evaluation = section(merged, "evaluation", EvaluationConfig.class, draft);
        if (problems.count() > before || model == null || training == null || evaluation == null) {
            return null;
        }
        model = reader.registry().complete(model);
        if (taskConfig != null) {
            evaluation = checkAgainstTask(model, evaluation, taskConfig.kind(), task, draft);
        }
        RunConfig config = new RunConfig(model, training, evaluation);
        String hash = taskConfig == null ? "" : SpecReader.sha256(reader.canonicalJson(new SpecReader.VariantIdentity(taskConfig, config)))
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
        List<ConfigProblem> unknown = reader.json().unknownFields(problems.source(), node, type);
        unknown.forEach(p -> addResolved(SpecReader.join(field, p.path()), p.message(), draft));
        try {
            return reader.mapper().treeToValue(node, type);
        } catch (JsonProcessingException e) {
            if (!(e instanceof UnrecognizedPropertyException) || unknown.isEmpty()) {
                ConfigProblem p = reader.json().problem(problems.source(), e);
                addResolved(SpecReader.join(field, p.path()), p.message(), draft);
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
            for (ConfigProblem p : reader.factory().check(model, shape)) {
                addResolved(SpecReader.join("model", p.path()), p.message(), draft);
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
            problems.add("baseline", "expected one of the variant ids: " + String.join(", ", ids) + "."
                    + DidYouMean.hint(node.asText(), ids));
            return null;
        }
        return node.asText();
    }


    /**
     * The spec's claims ({@code expect}), each checked: both variants exist and differ, the metric is
     * the task's, the direction is known, and a margin is given for "same" (only there).
     */
    private List<Expectation> expectations(JsonNode root, List<String> ids, TaskKind kind) {
        JsonNode node = root.get("expect");
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isArray()) {
            problems.add("expect", "expected an array of claims, e.g. [{\"variant\": \"A-h1\", \"vs\": \"base\", "
                    + "\"metric\": \"accuracy\", \"direction\": \"lower\"}]");
            return null;
        }
        List<Expectation> claims = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            String at = JsonLocations.index("expect", i);
            JsonNode claim = node.get(i);
            if (!claim.isObject()) {
                problems.add(at, "expected an object with variant, vs, metric, direction (and margin for \"same\")");
                continue;
            }
            int before = problems.count();
            problems.checkFields(claim, at, EXPECT_FIELDS);
            String variant = oneOf(claim, at, "variant", ids, "variant id");
            String vs = oneOf(claim, at, "vs", ids, "variant id");
            if (variant != null && variant.equals(vs)) {
                problems.add(SpecReader.join(at, "vs"), "a claim compares two different variants (both are '" + vs + "')");
            }
            String metric = oneOf(claim, at, "metric", kind == null ? null : kind.metricNames(),
                    "metric of a " + (kind == null ? "" : kind.label() + " ") + "task");
            String direction = oneOf(claim, at, "direction", DIRECTIONS, "direction");
            Double margin = null;
            JsonNode m = claim.get("margin");
            if ("same".equals(direction)) {
                if (m == null || !m.isNumber() || !(m.asDouble() > 0) || !Double.isFinite(m.asDouble())) {
                    problems.add(SpecReader.join(at, "margin"), "direction \"same\" needs a margin > 0: the largest "
                            + "difference still called the same, in " + (metric == null ? "the metric" : metric)
                            + "'s units (got " + (m == null ? "none" : m) + ")");
                } else {
                    margin = m.asDouble();
                }
            } else if (m != null && direction != null) {
                problems.add(SpecReader.join(at, "margin"), "a margin belongs to direction \"same\" only (this claim is \""
                        + direction + "\")");
            }
            if (problems.count() == before) {
                claims.add(new Expectation(variant, vs, metric,
                        Expectation.Direction.valueOf(direction.toUpperCase(Locale.ROOT)), margin));
            }
        }
        return List.copyOf(claims);
    }

    /** The text field {@code field} of {@code claim}, which must be one of {@code known} (when known is given). */
    private String oneOf(JsonNode claim, String at, String field, List<String> known, String what) {
        JsonNode node = claim.get(field);
        String path = SpecReader.join(at, field);
        if (node == null || node.isNull()) {
            problems.add(at, "missing \"" + field + "\"" + (known == null ? "" : ": one of " + String.join(", ", known)));
            return null;
        }
        if (!node.isTextual()) {
            problems.add(path, "expected a string, got " + node);
            return null;
        }
        String value = node.asText();
        if (known != null && !known.contains(value)) {
            problems.add(path, "'" + value + "' is not a " + what + "; known: " + String.join(", ", known) + "."
                    + DidYouMean.hint(value, known));
            return null;
        }
        return value;
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
            if (!problems.reported(SpecReader.join("base", mergedPath), message)) {
                // Not wrong in the base, so this variant's settings make it wrong: report it at them.
                problems.add(draft.settings().get(0).sourcePath(), mergedPath + ": " + message + " (in variant " + draft.id() + ")");
            }
        } else if (owner == null) {
            problems.add(SpecReader.join("base", mergedPath), message);
        } else {
            String rest = mergedPath.substring(owner.dotted().length());
            problems.add(owner.sourcePath() + rest, message + " (in variant " + draft.id() + ")");
        }
    }


    private static List<JsonNode> list(JsonNode array) {
        List<JsonNode> items = new ArrayList<>();
        array.forEach(items::add);
        return items;
    }

}
