package dev.ablate.experiments.spec;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ablate.core.config.ConfigException;
import dev.ablate.core.config.ConfigProblem;
import dev.ablate.core.registry.ComponentRegistry;
import dev.ablate.models.transformer.TransformerFactory;
import java.nio.file.Path;
import java.util.List;

/** Shared fixtures of the spec reader tests: one registry and reader, the quick-attention spec, problem lookups. */
final class SpecTesting {

    static final String SOURCE = "spec.json";

    /** A valid spec: three attentions on an axis, one named variant, two seeds (8 runs). One value per line where it matters. */
    static final String QUICK = """
            {
              "name": "quick-attention",
              "task": {"type": "copy", "length": 24, "vocabSize": 16, "trainSize": 400, "validSize": 20, "testSize": 20},
              "base": {
                "model": {
                  "family": "encoder-decoder",
                  "layers": 2,
                  "dModel": 64,
                  "heads": 4,
                  "dFF": 256,
                  "dropout": 0.1,
                  "attention": {"type": "full"},
                  "crossAttention": {"type": "full"},
                  "positional": {"type": "sinusoidal"},
                  "norm": {"type": "layer"},
                  "normPlacement": "post",
                  "tieEmbeddings": true
                },
                "training": {
                  "steps": 1500, "batchSize": 64,
                  "optimizer": {"type": "adam", "beta1": 0.9, "beta2": 0.98, "eps": 1e-9},
                  "schedule": {"type": "noam", "warmup": 400, "factor": 1.0},
                  "labelSmoothing": 0.1, "clipNorm": 1.0, "evalEvery": 250
                },
                "evaluation": {"split": "test", "checkpoint": "best", "metric": "exactMatch", "decoding": {"type": "greedy"}}
              },
              "axes": {
                "model.attention": [{"type": "full"}, {"type": "restricted", "window": 4}, {"type": "additive"}]
              },
              "variants": [
                {"name": "one-head", "set": {"model.heads": 1}}
              ],
              "seeds": [1, 2]
            }
            """;

    /** The same spec on one line, as the task's brief writes it. */
    static final String QUICK_ONE_LINE = "{\"name\": \"quick-attention\", \"task\": {\"type\": \"copy\", \"length\": 24, "
            + "\"vocabSize\": 16, \"trainSize\": 400, \"validSize\": 20, \"testSize\": 20}, \"base\": {\"model\": {\"family\": "
            + "\"encoder-decoder\", \"layers\": 2, \"dModel\": 64, \"heads\": 4, \"dFF\": 256, \"dropout\": 0.1, \"attention\": "
            + "{\"type\": \"full\"}, \"crossAttention\": {\"type\": \"full\"}, \"positional\": {\"type\": \"sinusoidal\"}, "
            + "\"norm\": {\"type\": \"layer\"}, \"normPlacement\": \"post\", \"tieEmbeddings\": true}, \"training\": {\"steps\": "
            + "1500, \"batchSize\": 64, \"optimizer\": {\"type\": \"adam\", \"beta1\": 0.9, \"beta2\": 0.98, \"eps\": 1e-9}, "
            + "\"schedule\": {\"type\": \"noam\", \"warmup\": 400, \"factor\": 1.0}, \"labelSmoothing\": 0.1, \"clipNorm\": 1.0, "
            + "\"evalEvery\": 250}, \"evaluation\": {\"split\": \"test\", \"checkpoint\": \"best\", \"metric\": \"exactMatch\", "
            + "\"decoding\": {\"type\": \"greedy\"}}}, \"axes\": {\"model.attention\": [{\"type\": \"full\"}, {\"type\": "
            + "\"restricted\", \"window\": 4}, {\"type\": \"additive\"}]}, \"variants\": [{\"name\": \"one-head\", \"set\": "
            + "{\"model.heads\": 1}}], \"seeds\": [1, 2]}";

    static final ComponentRegistry REGISTRY = ComponentRegistry.discover(SpecTesting.class.getClassLoader());
    static final SpecReader READER = new SpecReader(REGISTRY, new TransformerFactory(REGISTRY));

    private SpecTesting() {}

    /** A small valid spec around {@code rest} (a copy task of length 4 and whatever else is given). */
    static String small(String rest) {
        return "{\"name\": \"small\", \"task\": {\"type\": \"copy\", \"length\": 4}" + (rest.isEmpty() ? "" : ", " + rest) + "}";
    }

    static ExperimentPlan read(String text) {
        return READER.read(SOURCE, text, Path.of("."));
    }

    /** {@code text} with the one occurrence of {@code from} replaced. */
    static String edit(String text, String from, String to) {
        int at = text.indexOf(from);
        assertThat(at).as("'%s' in the spec", from).isNotNegative();
        assertThat(text.indexOf(from, at + 1)).as("'%s' occurs once in the spec", from).isNegative();
        return text.substring(0, at) + to + text.substring(at + from.length());
    }

    /** {@link #QUICK} with the one occurrence of {@code from} replaced. */
    static String quick(String from, String to) {
        return edit(QUICK, from, to);
    }

    /** The exception reading {@code text} throws; fails when it reads. */
    static ConfigException failure(String text) {
        try {
            ExperimentPlan plan = read(text);
            throw new AssertionError("expected problems, but the spec read with variants "
                    + plan.variants().stream().map(Variant::id).toList() + ":\n" + text);
        } catch (ConfigException e) {
            assertThat(e.problems()).isNotEmpty();
            return e;
        }
    }

    /** Every problem reading {@code text} reports; fails when it reads. */
    static List<ConfigProblem> problems(String text) {
        return failure(text).problems();
    }

    /** The one problem reading {@code text} reports. */
    static ConfigProblem problem(String text) {
        List<ConfigProblem> problems = problems(text);
        assertThat(problems).as("problems of\n%s", text).hasSize(1);
        return problems.get(0);
    }

    /** 1-based {@code [line, column]} of the first {@code marker} that follows the first {@code after} in {@code text}. */
    static int[] at(String text, String after, String marker) {
        int from = text.indexOf(after);
        assertThat(from).as("'%s' in the spec", after).isNotNegative();
        return position(text, text.indexOf(marker, from + after.length()), after, marker);
    }

    /** 1-based {@code [line, column]} of the first {@code marker} in {@code text}. */
    static int[] at(String text, String marker) {
        return position(text, text.indexOf(marker), "", marker);
    }

    private static int[] position(String text, int index, String after, String marker) {
        assertThat(index).as("'%s' after '%s' in the spec", marker, after).isNotNegative();
        int line = 1;
        int lineStart = 0;
        for (int i = 0; i < index; i++) {
            if (text.charAt(i) == '\n') {
                line++;
                lineStart = i + 1;
            }
        }
        return new int[] {line, index - lineStart + 1};
    }

    /** Asserts the problem's source, path, line and column, and that its message has every fragment. */
    static void assertProblem(ConfigProblem p, String path, int[] lineColumn, String... fragments) {
        assertThat(p.source()).as("source of %s", p).isEqualTo(SOURCE);
        assertThat(p.path()).as("path of %s", p).isEqualTo(path);
        assertThat(new int[] {p.line(), p.column()}).as("line:column of %s", p).containsExactly(lineColumn);
        assertThat(p.message()).as("message of %s", p).contains(fragments);
    }

    static JsonNode tree(Object value) {
        return READER.mapper().valueToTree(value);
    }

    static JsonNode tree(String json) {
        try {
            return READER.mapper().readTree(json);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new AssertionError(e);
        }
    }

    static Variant variant(ExperimentPlan plan, String id) {
        return plan.variants().stream().filter(v -> v.id().equals(id)).findFirst()
                .orElseThrow(() -> new AssertionError("no variant " + id + " in " + plan.variants().stream().map(Variant::id).toList()));
    }
}
