package dev.ablate.experiments.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ablate.core.io.AtomicFiles;
import dev.ablate.core.registry.ComponentRegistry;
import dev.ablate.core.spi.ComponentKind;
import dev.ablate.tasks.TaskConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The spec schema: the checked-in docs/spec.schema.json is what {@link SpecSchema} generates with
 * the built-in plugins, and the schema is strict, typed and lists every subtype.
 */
class TestSpecSchema {

    /** Set to true to rewrite docs/spec.schema.json instead of comparing with it. */
    static final String UPDATE_PROPERTY = "ablate.updateSchema";

    static final String REGENERATE = "Regenerate it with\n"
            + "  mvn -B -pl experiments -am test -Dtest=TestSpecSchema -Dsurefire.failIfNoSpecifiedTests=false -D"
            + UPDATE_PROPERTY + "=true\n"
            + "or ./ablate schema --out docs/spec.schema.json (with only the built-in plugins installed), "
            + "and commit the result.";

    private static final ObjectMapper JSON = new ObjectMapper();

    private static ComponentRegistry registry;
    private static String generated;
    private static JsonNode schema;

    @BeforeAll
    static void generate() throws IOException {
        registry = ComponentRegistry.discover(TestSpecSchema.class.getClassLoader());
        generated = SpecSchema.generate(registry);
        schema = JSON.readTree(generated);
    }

    @Test
    void checkedInSchemaIsCurrent() throws IOException {
        Path file = repositoryRoot().resolve("docs").resolve("spec.schema.json");
        if (Boolean.getBoolean(UPDATE_PROPERTY)) {
            AtomicFiles.writeString(file, generated);
            if (Files.getFileStore(file).supportsFileAttributeView(PosixFileAttributeView.class)) {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
            }
            System.out.println("wrote " + file.toAbsolutePath().normalize());
            return;
        }
        if (!Files.exists(file)) {
            fail(file + " is missing. " + REGENERATE);
        }
        String checkedIn = Files.readString(file, StandardCharsets.UTF_8).replace("\r\n", "\n");
        if (!checkedIn.equals(generated)) {
            fail(file + " is out of date: the config records or the built-in plugins changed ("
                    + firstDifference(checkedIn, generated) + "). " + REGENERATE);
        }
    }

    @Test
    void generationIsDeterministic() {
        assertThat(SpecSchema.generate(registry)).isEqualTo(generated);
        assertThat(SpecSchema.generate(ComponentRegistry.discover(getClass().getClassLoader()))).isEqualTo(generated);
        assertThat(generated).endsWith("}\n").doesNotContain("\r");
    }

    @Test
    void topLevelIsDraft202012AndStrict() {
        assertThat(schema.path("$schema").asText()).isEqualTo("https://json-schema.org/draft/2020-12/schema");
        assertThat(schema.path("title").asText()).contains("Ablate experiment spec");
        assertThat(schema.path("description").asText()).contains("ablate schema");
        assertThat(schema.path("type").asText()).isEqualTo("object");
        assertThat(schema.path("additionalProperties").isBoolean()).isTrue();
        assertThat(schema.path("additionalProperties").asBoolean()).isFalse();
        assertThat(names(schema.path("required"))).containsExactly("name", "task");
        assertThat(names(schema.path("properties")))
                .containsExactly("name", "description", "task", "base", "axes", "variants", "seeds", "baseline", "expect");
        assertThat(schema.at("/properties/name/description").asText()).isNotEmpty();
    }

    @Test
    void everyObjectForbidsUnknownFieldsAndOnlyTypesAreRequired() {
        List<String> problems = new ArrayList<>();
        walk(schema, "#", problems);
        assertThat(problems).isEmpty();
    }

    @Test
    void attentionPluginsAreSubtypesWithTypeConsts() {
        List<String> ids = subtypeIds("attention");
        assertThat(ids).contains("full", "restricted", "additive");
        assertThat(ids).containsExactlyElementsOf(registry.ids(ComponentKind.ATTENTION));
        assertThat(schema.at("/$defs/ModelConfig/properties/attention/$ref").asText()).isEqualTo("#/$defs/attention");
        assertThat(schema.at("/$defs/ModelConfig/properties/crossAttention/$ref").asText()).isEqualTo("#/$defs/attention");
        assertThat(schema.at("/$defs/attention.restricted/properties/window/type").asText()).isEqualTo("integer");
        assertThat(schema.at("/$defs/attention.full/properties/scaled/type").asText()).isEqualTo("boolean");
        assertThat(schema.at("/$defs/attention.full/description").asText()).isNotEmpty();
        assertThat(subtypeIds("positional")).containsExactlyElementsOf(registry.ids(ComponentKind.POSITIONAL));
        assertThat(subtypeIds("norm")).containsExactlyElementsOf(registry.ids(ComponentKind.NORM));
    }

    @Test
    void taskAndTrainingSubtypesComeFromJsonSubTypes() {
        List<String> declared = Arrays.stream(TaskConfig.class.getAnnotation(JsonSubTypes.class).value())
                .flatMap(t -> t.name().isEmpty() ? Arrays.stream(t.names()) : Stream.of(t.name()))
                .toList();
        assertThat(subtypeIds("task")).contains("copy", "reverse", "sort").containsExactlyElementsOf(declared);
        assertThat(schema.at("/properties/task/$ref").asText()).isEqualTo("#/$defs/task");
        assertThat(schema.at("/$defs/task.copy-reverse-sort/properties/length/type").asText()).isEqualTo("integer");
        assertThat(schema.at("/$defs/task.copy-reverse-sort/properties/seed/type").asText()).isEqualTo("integer");
        assertThat(subtypeIds("optimizer")).contains("adam");
        assertThat(subtypeIds("schedule")).contains("noam", "constant", "linear-warmup");
        assertThat(subtypeIds("decoding")).containsExactly("greedy", "beam");
    }

    @Test
    void fieldsAreTypedAndDescribed() {
        JsonNode model = schema.at("/$defs/ModelConfig/properties");
        assertThat(model.at("/layers/type").asText()).isEqualTo("integer");
        assertThat(model.at("/dropout/type").asText()).isEqualTo("number");
        assertThat(model.at("/tieEmbeddings/type").asText()).isEqualTo("boolean");
        assertThat(names(model.at("/family/enum"))).containsExactly("encoder-decoder", "decoder", "encoder");
        assertThat(names(model.at("/normPlacement/enum"))).containsExactly("post", "pre");
        assertThat(model.at("/heads/description").asText()).contains("divide dModel");
        assertThat(names(schema.at("/$defs/EvaluationConfig/properties/checkpoint/enum"))).containsExactly("best", "last");
        assertThat(schema.at("/properties/seeds/items/type").asText()).isEqualTo("integer");
        assertThat(schema.at("/properties/axes/type").asText()).isEqualTo("object");
        assertThat(schema.at("/properties/axes/additionalProperties/type").asText()).isEqualTo("array");
        assertThat(schema.at("/$defs/VariantSpec/properties/set/type").asText()).isEqualTo("object");
    }

    /** The ids of the subtypes of a family, from the consts of the definitions its oneOf refers to. */
    private static List<String> subtypeIds(String family) {
        JsonNode oneOf = schema.at("/$defs/" + family + "/oneOf");
        assertThat(oneOf.isArray()).as("$defs/%s/oneOf", family).isTrue();
        List<String> ids = new ArrayList<>();
        for (JsonNode ref : oneOf) {
            String pointer = ref.path("$ref").asText();
            assertThat(pointer).startsWith("#/$defs/" + family + ".");
            JsonNode subtype = schema.at(pointer.substring(1));
            // one type, or several for a record that reads its type as a field (copy, reverse, sort)
            List<String> typeIds = subtype.at("/properties/type/const").isTextual()
                    ? List.of(subtype.at("/properties/type/const").asText()) : names(subtype.at("/properties/type/enum"));
            assertThat(pointer).isEqualTo("#/$defs/" + family + "." + String.join("-", typeIds));
            assertThat(names(subtype.path("required"))).containsExactly("type");
            assertThat(subtype.path("additionalProperties").asBoolean(true)).isFalse();
            assertThat(names(subtype.path("properties")).get(0)).isEqualTo("type");
            ids.addAll(typeIds);
        }
        return ids;
    }

    /** Checks every subschema: objects forbid unknown fields; only "type" (and name, task at the top) is required. */
    private static void walk(JsonNode node, String at, List<String> problems) {
        if (node.isObject()) {
            if (node.has("properties") && !node.path("additionalProperties").isBoolean()) {
                problems.add(at + ": object without additionalProperties: false");
            }
            if (node.has("properties") && node.path("additionalProperties").asBoolean(false)) {
                problems.add(at + ": object allows unknown fields");
            }
            if (node.has("required") && !at.equals("#") && !names(node.path("required")).equals(List.of("type"))) {
                problems.add(at + ": requires " + node.path("required"));
            }
            if (node.has("required") && !at.equals("#") && !node.at("/properties/type/const").isTextual()
                    && !node.at("/properties/type/enum").isArray()) {
                problems.add(at + ": requires type without a const");
            }
            node.properties().forEach(e -> walk(e.getValue(), at + "/" + e.getKey(), problems));
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                walk(node.get(i), at + "/" + i, problems);
            }
        }
    }

    /** Where two texts first differ: the line number and both lines. */
    private static String firstDifference(String expected, String actual) {
        String[] a = expected.split("\n", -1);
        String[] b = actual.split("\n", -1);
        for (int i = 0; i < Math.max(a.length, b.length); i++) {
            String left = i < a.length ? a[i] : "<end of file>";
            String right = i < b.length ? b[i] : "<end of file>";
            if (!left.equals(right)) {
                return "line " + (i + 1) + ": checked in " + left.strip() + ", generated " + right.strip();
            }
        }
        return "they differ";
    }

    /** The texts of an array, or the field names of an object. */
    private static List<String> names(JsonNode node) {
        List<String> names = new ArrayList<>();
        if (node.isArray()) {
            node.forEach(n -> names.add(n.asText()));
        } else {
            node.properties().forEach(e -> names.add(e.getKey()));
        }
        return names;
    }

    /** The repository root: surefire runs in the module folder, an IDE may run in the root. */
    private static Path repositoryRoot() {
        Path dir = Path.of("").toAbsolutePath();
        for (Path d = dir; d != null; d = d.getParent()) {
            if (Files.isDirectory(d.resolve("docs")) && Files.isDirectory(d.resolve("experiments"))
                    && Files.isRegularFile(d.resolve("pom.xml"))) {
                return d;
            }
        }
        throw new IllegalStateException("cannot find the repository root (with docs/ and experiments/) above " + dir);
    }
}
