package dev.ablate.tasks;

import static dev.ablate.tasks.TaskTesting.parse;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Every task type reads, writes back and describes itself; its kind is known before loading. */
final class TestTaskConfigJson {

    private static final Map<String, String> MINIMAL = Map.of(
            "copy", "{'type': 'copy', 'length': 8}",
            "reverse", "{'type': 'reverse', 'length': 8, 'testLength': 16}",
            "sort", "{'type': 'sort', 'length': 8, 'vocabSize': 10}",
            "first-last", "{'type': 'first-last', 'length': 64}",
            "listops", "{'type': 'listops'}",
            "lm", "{'type': 'lm', 'file': 'missing.txt'}",
            "parallel", "{'type': 'parallel', 'train': {'source': 'a.en', 'target': 'a.de'}, 'valid': {'tsv': 'v.tsv'}, "
                    + "'test': {'tsv': 't.tsv'}, 'tokenization': 'word'}");

    @Test
    void everyTypeIsRegisteredAndRoundTrips() throws Exception {
        List<String> names = Arrays.stream(TaskConfig.class.getAnnotation(JsonSubTypes.class).value())
                .flatMap(t -> t.name().isEmpty() ? Arrays.stream(t.names()) : Stream.of(t.name())).sorted().toList();
        assertThat(names).containsExactly("copy", "first-last", "listops", "lm", "parallel", "reverse", "sort");
        assertThat(MINIMAL.keySet()).containsExactlyInAnyOrderElementsOf(names);
        for (Map.Entry<String, String> e : MINIMAL.entrySet()) {
            TaskConfig config = parse(e.getValue());
            String written = TaskTesting.JSON.mapper().writeValueAsString(config);
            assertThat(written).as(e.getKey()).startsWith("{\"type\":\"" + e.getKey() + "\"").doesNotContain("\"kind\"");
            assertThat(TaskTesting.JSON.read("written", written, TaskConfig.class)).isEqualTo(config);
            // a plain Jackson mapper reads the configs too
            assertThat(new ObjectMapper().readValue(e.getValue().replace('\'', '"'), TaskConfig.class)).isEqualTo(config);
        }
    }

    @Test
    void theKindIsKnownWithoutLoading() {
        assertThat(parse(MINIMAL.get("copy")).kind()).isEqualTo(TaskKind.SEQUENCE_TO_SEQUENCE);
        assertThat(parse(MINIMAL.get("reverse")).kind()).isEqualTo(TaskKind.SEQUENCE_TO_SEQUENCE);
        assertThat(parse(MINIMAL.get("sort")).kind()).isEqualTo(TaskKind.SEQUENCE_TO_SEQUENCE);
        assertThat(parse(MINIMAL.get("parallel")).kind()).isEqualTo(TaskKind.SEQUENCE_TO_SEQUENCE);
        assertThat(parse(MINIMAL.get("first-last")).kind()).isEqualTo(TaskKind.CLASSIFICATION);
        assertThat(parse(MINIMAL.get("listops")).kind()).isEqualTo(TaskKind.CLASSIFICATION);
        assertThat(parse(MINIMAL.get("lm")).kind()).isEqualTo(TaskKind.LANGUAGE_MODEL);
    }

    @Test
    void everyFieldIsDescribed() {
        List<Class<?>> types = new ArrayList<>();
        for (JsonSubTypes.Type t : TaskConfig.class.getAnnotation(JsonSubTypes.class).value()) {
            types.add(t.value());
        }
        types.add(ParallelFiles.class);
        for (Class<?> type : types) {
            assertThat(type.isRecord()).as(type.getSimpleName()).isTrue();
            for (RecordComponent c : type.getRecordComponents()) {
                JsonPropertyDescription d = c.getAnnotation(JsonPropertyDescription.class);
                if (d == null) {
                    d = c.getAccessor().getAnnotation(JsonPropertyDescription.class);
                }
                if (d == null) {
                    try {
                        d = type.getDeclaredField(c.getName()).getAnnotation(JsonPropertyDescription.class);
                    } catch (NoSuchFieldException e) {
                        throw new AssertionError(e);
                    }
                }
                assertThat(d).as(type.getSimpleName() + "." + c.getName()).isNotNull();
                assertThat(d.value()).isNotBlank();
            }
        }
    }

    @Test
    void tokenizationUsesItsJsonNames() throws Exception {
        ObjectMapper mapper = TaskTesting.JSON.mapper();
        assertThat(mapper.writeValueAsString(Tokenization.CHAR)).isEqualTo("\"char\"");
        assertThat(mapper.readValue("\"symbols\"", Tokenization.class)).isEqualTo(Tokenization.SYMBOLS);
        assertThat(Tokenization.fromLabel("word")).isEqualTo(Tokenization.WORD);
    }
}
