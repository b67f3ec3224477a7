package dev.ablate.tasks;

import static dev.ablate.tasks.TaskTesting.parse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ablate.core.config.ConfigException;
import dev.ablate.core.model.TaskShape;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** copy, reverse and sort. */
final class TestSymbolSequenceTasks {

    private static final Path NOWHERE = Path.of("no-such-folder");

    @Test
    void defaults() {
        TaskConfig config = parse("{'type': 'copy', 'length': 5}");
        assertThat(config).isEqualTo(new SymbolTaskConfig("copy", 5, 5, 16, 5, 5, 4000, 200, 200, 1234L));
        assertThat(config.kind()).isEqualTo(TaskKind.SEQUENCE_TO_SEQUENCE);
        assertThat(parse("{'type': 'reverse', 'length': 5, 'minLength': 2, 'testLength': 9}"))
                .isEqualTo(new SymbolTaskConfig("reverse", 5, 2, 16, 9, 2, 4000, 200, 200, 1234L));
        // testMinLength defaults to minLength, or testLength when that is smaller
        assertThat(parse("{'type': 'sort', 'length': 8, 'testLength': 4, 'vocabSize': 10}"))
                .isEqualTo(new SymbolTaskConfig("sort", 8, 8, 10, 4, 4, 4000, 200, 200, 1234L));
    }

    @Test
    void loadingTwiceGivesTheSameDataAndAnotherSeedOtherData() {
        TaskConfig config = parse("{'type': 'reverse', 'length': 10, 'minLength': 1}");
        Task a = config.load(NOWHERE);
        Task b = parse("{'type': 'reverse', 'length': 10, 'minLength': 1}").load(NOWHERE);
        assertThat(TaskTesting.all(a)).isEqualTo(TaskTesting.all(b));
        Task other = parse("{'type': 'reverse', 'length': 10, 'minLength': 1, 'seed': 7}").load(NOWHERE);
        assertThat(other.examples(Split.TRAIN)).isNotEqualTo(a.examples(Split.TRAIN));
        assertThat(other.examples(Split.TEST)).isNotEqualTo(a.examples(Split.TEST));
    }

    @Test
    void theTrainingSplitDoesNotDependOnTheHeldOutSizes() {
        Task a = parse("{'type': 'copy', 'length': 6, 'minLength': 3}").load(NOWHERE);
        Task b = parse("{'type': 'copy', 'length': 6, 'minLength': 3, 'validSize': 17, 'testSize': 900}").load(NOWHERE);
        assertThat(b.examples(Split.TRAIN)).isEqualTo(a.examples(Split.TRAIN));
    }

    @Test
    void splitSizesAndDisjointHeldOutSplits() {
        Task task = parse("{'type': 'copy', 'length': 7, 'minLength': 1, 'trainSize': 1000, 'validSize': 50, 'testSize': 60}")
                .load(NOWHERE);
        assertThat(task.examples(Split.TRAIN)).hasSize(1000);
        assertThat(task.examples(Split.VALID)).hasSize(50);
        assertThat(task.examples(Split.TEST)).hasSize(60);
        TaskTesting.assertHeldOutDistinct(task);
    }

    @Test
    void heldOutSplitsStayDisjointInASmallSpace() {
        // 2 + 4 + ... + 2^11 = 4094 sequences of lengths 1..11: training covers all the short ones
        Task task = parse("{'type': 'copy', 'length': 11, 'minLength': 1, 'vocabSize': 2, 'trainSize': 3000}").load(NOWHERE);
        TaskTesting.assertHeldOutDistinct(task);
        assertThat(task.examples(Split.VALID)).hasSize(200);
        assertThat(task.examples(Split.VALID)).allSatisfy(e -> assertThat(e.source().length).isGreaterThan(4));
    }

    @Test
    void targetsAreTheSourceCopiedReversedOrSorted() {
        for (String type : List.of("copy", "reverse", "sort")) {
            Task task = parse("{'type': '" + type + "', 'length': 12, 'minLength': 1, 'trainSize': 500}").load(NOWHERE);
            for (Split split : Split.values()) {
                for (Example e : task.examples(split)) {
                    int[] expected = e.source().clone();
                    if (type.equals("reverse")) {
                        for (int i = 0; i < expected.length / 2; i++) {
                            int t = expected[i];
                            expected[i] = expected[expected.length - 1 - i];
                            expected[expected.length - 1 - i] = t;
                        }
                    } else if (type.equals("sort")) {
                        Arrays.sort(expected);
                    }
                    assertThat(e.target()).as(type).containsExactly(expected);
                    assertThat(e.label()).isEqualTo(-1);
                }
            }
        }
        Vocabulary v = parse("{'type': 'sort', 'length': 4, 'vocabSize': 12}").load(NOWHERE).sourceVocabulary();
        assertThat(v.decode(new int[] {v.id("2"), v.id("10"), v.id("11")})).isEqualTo("2 10 11");
        assertThat(v.id("2")).isLessThan(v.id("10"));
    }

    @Test
    void lengthsSymbolsAndShapeCoverTheTestLengths() {
        Task task = parse("{'type': 'copy', 'length': 6, 'minLength': 2, 'testMinLength': 7, 'testLength': 12, 'vocabSize': 5}")
                .load(NOWHERE);
        assertThat(lengths(task, Split.TRAIN)).containsExactly(2, 3, 4, 5, 6);
        // the 25 sequences of length 2 are all in the training split, so none is held out
        assertThat(lengths(task, Split.VALID)).containsExactly(3, 4, 5, 6);
        assertThat(lengths(task, Split.TEST)).containsExactly(7, 8, 9, 10, 11, 12);
        for (Split s : Split.values()) {
            assertThat(task.examples(s)).allSatisfy(e -> assertThat(TaskTesting.boxed(e.source())).allMatch(id -> id >= 4 && id < 9));
        }
        assertThat(task.sourceVocabulary().tokens().subList(4, 9)).containsExactly("0", "1", "2", "3", "4");
        assertThat(task.targetVocabulary()).isSameAs(task.sourceVocabulary());
        assertThat(task.shape()).isEqualTo(TaskShape.sequenceToSequence(9, 9, 13, 13, Vocabulary.PAD));
        assertThat(task.classes()).isEmpty();
        assertThat(task.kind()).isEqualTo(TaskKind.SEQUENCE_TO_SEQUENCE);
    }

    @Test
    void badValuesAreClearErrors() {
        assertThatThrownBy(() -> parse("{'type': 'copy'}")).isInstanceOf(ConfigException.class)
                .hasMessageContaining("length: must be given: the longest sequence, >= 1 (got null)");
        assertThatThrownBy(() -> parse("{'type': 'copy', 'length': 0}"))
                .hasMessageContaining("length: must be >= 1 (got 0)");
        assertThatThrownBy(() -> parse("{'type': 'copy', 'length': 5, 'minLength': 6}"))
                .hasMessageContaining("minLength: must be <= length (5) (got 6)");
        assertThatThrownBy(() -> parse("{'type': 'copy', 'length': 5, 'vocabSize': 1}"))
                .hasMessageContaining("vocabSize: must be >= 2 (got 1)");
        assertThatThrownBy(() -> parse("{'type': 'copy', 'length': 5, 'testMinLength': 6}"))
                .hasMessageContaining("testMinLength: must be <= testLength (5) (got 6)");
        assertThatThrownBy(() -> parse("{'type': 'copy', 'length': 5, 'validSize': 0}"))
                .hasMessageContaining("validSize: must be >= 1 (got 0)");
        assertThatThrownBy(() -> parse("{'type': 'copy', 'length': 5, 'lenght': 5}"))
                .hasMessageContaining("unknown field 'lenght'");
    }

    @Test
    void sizesThatCannotFitTheSpaceOfSequencesAreRejected() {
        assertThatThrownBy(() -> parse("{'type': 'copy', 'length': 2, 'vocabSize': 4}"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("trainSize: trainSize + validSize + testSize = 4400 distinct sequences are needed, "
                        + "but only 16 of length 2 over 4 symbols exist; lower the sizes or raise vocabSize or length (got 4000)");
        assertThatThrownBy(() -> parse("{'type': 'reverse', 'length': 6, 'testLength': 1}"))
                .hasMessageContaining("testSize: 200 distinct sequences are needed, but only 16 of length 1 over 16 symbols exist");
        // fits exactly: 4 + 16 + 64 = 84 sequences
        Task task = parse("{'type': 'copy', 'length': 3, 'minLength': 1, 'vocabSize': 4, 'trainSize': 20, 'validSize': 30, "
                + "'testSize': 34}").load(NOWHERE);
        TaskTesting.assertHeldOutDistinct(task);
    }

    private static Set<Integer> lengths(Task task, Split split) {
        return task.examples(split).stream().map(e -> e.source().length).collect(Collectors.toCollection(TreeSet::new));
    }
}
