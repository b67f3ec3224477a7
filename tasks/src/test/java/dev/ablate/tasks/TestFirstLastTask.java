package dev.ablate.tasks;

import static dev.ablate.tasks.TaskTesting.parse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ablate.core.model.TaskShape;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

final class TestFirstLastTask {

    private static final Path NOWHERE = Path.of("no-such-folder");

    @Test
    void defaults() {
        TaskConfig config = parse("{'type': 'first-last', 'length': 20}");
        assertThat(config).isEqualTo(new FirstLastTaskConfig(20, 8, 4000, 200, 200, 1234L));
        assertThat(config.kind()).isEqualTo(TaskKind.CLASSIFICATION);
    }

    @Test
    void labelsSayWhetherTheFirstAndLastSymbolsAreEqualAndAreBalancedExactly() {
        Task task = parse("{'type': 'first-last', 'length': 20, 'validSize': 7}").load(NOWHERE);
        assertThat(task.classes()).containsExactly("different", "equal");
        assertThat(task.shape()).isEqualTo(TaskShape.classification(12, 20, 2, Vocabulary.PAD));
        assertThat(count(task.examples(Split.TRAIN), 1)).isEqualTo(2000);
        assertThat(count(task.examples(Split.TRAIN), 0)).isEqualTo(2000);
        assertThat(count(task.examples(Split.VALID), 1)).isEqualTo(3);
        assertThat(count(task.examples(Split.VALID), 0)).isEqualTo(4);
        assertThat(count(task.examples(Split.TEST), 1)).isEqualTo(100);
        for (Split s : Split.values()) {
            for (Example e : task.examples(s)) {
                int[] x = e.source();
                assertThat(TaskTesting.boxed(x)).hasSize(20).allMatch(id -> id >= 4 && id < 12);
                assertThat(e.label()).isEqualTo(x[0] == x[19] ? 1 : 0);
                assertThat(e.target()).isEmpty();
            }
        }
        // labels are shuffled, not sorted
        List<Example> train = task.examples(Split.TRAIN);
        assertThat(train.subList(0, 100)).extracting(Example::label).contains(0, 1);
    }

    @Test
    void theMiddleCarriesNoSignal() {
        List<Example> train = parse("{'type': 'first-last', 'length': 10}").load(NOWHERE).examples(Split.TRAIN);
        for (int label = 0; label <= 1; label++) {
            int l = label;
            long sameAsFirst = train.stream().filter(e -> e.label() == l).filter(e -> e.source()[5] == e.source()[0]).count();
            // 1/8 of 2000 = 250 either way
            assertThat(sameAsFirst).isBetween(190L, 310L);
        }
    }

    @Test
    void deterministicAndDisjoint() {
        Task a = parse("{'type': 'first-last', 'length': 8, 'vocabSize': 4}").load(NOWHERE);
        Task b = parse("{'type': 'first-last', 'length': 8, 'vocabSize': 4}").load(NOWHERE);
        assertThat(TaskTesting.all(a)).isEqualTo(TaskTesting.all(b));
        TaskTesting.assertHeldOutDistinct(a);
        assertThat(parse("{'type': 'first-last', 'length': 8, 'vocabSize': 4, 'seed': 1}").load(NOWHERE).examples(Split.TRAIN))
                .isNotEqualTo(a.examples(Split.TRAIN));
    }

    @Test
    void badValuesAreClearErrors() {
        assertThatThrownBy(() -> parse("{'type': 'first-last'}"))
                .hasMessageContaining("length: must be given: the sequence length, >= 2 (got null)");
        assertThatThrownBy(() -> parse("{'type': 'first-last', 'length': 1}"))
                .hasMessageContaining("length: must be >= 2 (got 1)");
        assertThatThrownBy(() -> parse("{'type': 'first-last', 'length': 3, 'vocabSize': 8}"))
                .hasMessageContaining("trainSize: the splits need 2200 distinct sequences whose first and last symbols are equal "
                        + "and 2200 whose are not, but only 64 and 448 of length 3 over 8 symbols exist");
    }

    private static long count(List<Example> examples, int label) {
        return examples.stream().filter(e -> e.label() == label).count();
    }
}
