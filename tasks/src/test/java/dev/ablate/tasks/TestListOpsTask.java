package dev.ablate.tasks;

import static dev.ablate.tasks.TaskTesting.parse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ablate.core.error.UserException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.junit.jupiter.api.Test;

final class TestListOpsTask {

    private static final Path NOWHERE = Path.of("no-such-folder");

    @Test
    void evaluatesHandWrittenExpressions() {
        assertThat(ListOps.evaluate("7")).isEqualTo(7);
        assertThat(ListOps.evaluate("[MAX 2 9 [MIN 4 7 ] 0 ]")).isEqualTo(9);
        assertThat(ListOps.evaluate("[MIN 3 [MAX 5 8 ] 4 ]")).isEqualTo(3);
        assertThat(ListOps.evaluate("[MIN 6 [MAX 0 1 ] 4 ]")).isEqualTo(1);
        assertThat(ListOps.evaluate("[MED 7 1 5 ]")).isEqualTo(5);
        assertThat(ListOps.evaluate("[MED 1 2 3 4 ]")).isEqualTo(2); // lower median
        assertThat(ListOps.evaluate("[MED 9 0 ]")).isEqualTo(0);
        assertThat(ListOps.evaluate("[SM 5 6 7 ]")).isEqualTo(8); // 18 mod 10
        assertThat(ListOps.evaluate("[SM [MAX 9 1 ] [MED 3 8 6 ] 4 ]")).isEqualTo(9); // 9 + 6 + 4 = 19
        assertThat(ListOps.evaluate("[MAX [MIN [SM 9 9 ] 5 ] [MED 0 0 1 1 ] ]")).isEqualTo(5); // max(min(8, 5), 0)
        assertThat(ListOps.evaluate("[SM [SM [SM 9 9 ] 9 ] 9 4 ]")).isEqualTo(0); // ((18 % 10 + 9) % 10 + 13) % 10 = 20 % 10
    }

    @Test
    void malformedExpressionsAreRejected() {
        assertThatThrownBy(() -> ListOps.evaluate("[MAX 1 2")).hasMessage("'[MAX' is not closed by ']'");
        assertThatThrownBy(() -> ListOps.evaluate("[MAX ]")).hasMessage("'[MAX' has no arguments");
        assertThatThrownBy(() -> ListOps.evaluate("[MAX 1 2 ] 3")).hasMessage("unexpected '3' at token 4 after the end of the expression");
        assertThatThrownBy(() -> ListOps.evaluate("[FOO 1 ]")).hasMessage("unexpected '[FOO' at token 0");
        assertThatThrownBy(() -> ListOps.evaluate("")).hasMessage("the expression ends too early");
    }

    @Test
    void defaultsAndShape() {
        TaskConfig config = parse("{'type': 'listops'}");
        assertThat(config).isEqualTo(new ListOpsTaskConfig(4, 5, 128, 4000, 200, 200, 1234L));
        assertThat(config.kind()).isEqualTo(TaskKind.CLASSIFICATION);
        Task task = config.load(NOWHERE);
        assertThat(task.classes()).containsExactly("0", "1", "2", "3", "4", "5", "6", "7", "8", "9");
        assertThat(task.sourceVocabulary().tokens())
                .containsExactly("<pad>", "<s>", "</s>", "<unk>", "[MAX", "[MIN", "[MED", "[SM", "]",
                        "0", "1", "2", "3", "4", "5", "6", "7", "8", "9");
        int longest = 0;
        for (Split s : Split.values()) {
            for (Example e : task.examples(s)) {
                longest = Math.max(longest, e.source().length);
            }
        }
        assertThat(task.shape().maxSourceLength()).isEqualTo(longest);
        assertThat(task.shape().classes()).isEqualTo(10);
        assertThat(task.shape().sourceVocabulary()).isEqualTo(19);
    }

    @Test
    void generatedLabelsAgreeWithAnIndependentEvaluatorAndTheBoundsHold() {
        Task task = parse("{'type': 'listops', 'maxDepth': 3, 'maxArgs': 4, 'maxLength': 30, 'trainSize': 2000}").load(NOWHERE);
        Vocabulary v = task.sourceVocabulary();
        int deepest = 0;
        int mostArgs = 0;
        int[] perLabel = new int[10];
        for (Split s : Split.values()) {
            for (Example e : task.examples(s)) {
                List<String> tokens = Tokenization.SYMBOLS.split(v.decode(e.source()));
                assertThat(tokens).hasSize(e.source().length).hasSizeLessThanOrEqualTo(30);
                assertThat(tokens.get(0)).startsWith("[");
                assertThat(e.label()).as(String.join(" ", tokens)).isEqualTo(stackEvaluate(tokens));
                int[] stats = shape(tokens);
                deepest = Math.max(deepest, stats[0]);
                mostArgs = Math.max(mostArgs, stats[1]);
                assertThat(stats[2]).isGreaterThanOrEqualTo(2);
                perLabel[e.label()]++;
            }
        }
        assertThat(deepest).isEqualTo(3);
        assertThat(mostArgs).isEqualTo(4);
        assertThat(TaskTesting.boxed(perLabel)).allMatch(n -> n > 0);
    }

    @Test
    void deterministicAndDisjoint() {
        Task a = parse("{'type': 'listops', 'trainSize': 1000}").load(NOWHERE);
        Task b = parse("{'type': 'listops', 'trainSize': 1000}").load(NOWHERE);
        assertThat(TaskTesting.all(a)).isEqualTo(TaskTesting.all(b));
        assertThat(a.examples(Split.TRAIN)).hasSize(1000);
        assertThat(a.examples(Split.VALID)).hasSize(200);
        assertThat(a.examples(Split.TEST)).hasSize(200);
        TaskTesting.assertHeldOutDistinct(a);
    }

    @Test
    void badValuesAndTooSmallSpacesAreClearErrors() {
        assertThatThrownBy(() -> parse("{'type': 'listops', 'maxArgs': 1}")).hasMessageContaining("maxArgs: must be >= 2 (got 1)");
        assertThatThrownBy(() -> parse("{'type': 'listops', 'maxLength': 3}")).hasMessageContaining("maxLength: must be >= 4 (got 3)");
        assertThatThrownBy(() -> parse("{'type': 'listops', 'maxDepth': 0}")).hasMessageContaining("maxDepth: must be >= 1 (got 0)");
        // 4 operators x 100 digit pairs: training covers them all
        assertThatThrownBy(() -> parse("{'type': 'listops', 'maxDepth': 1, 'maxArgs': 2}").load(NOWHERE))
                .isInstanceOf(UserException.class)
                .hasMessageStartingWith("listops: could not draw 200 valid examples distinct from each other and from the other splits")
                .hasMessageEndingWith("raise maxDepth, maxArgs or maxLength, or lower the sizes");
    }

    /** A second evaluator, written differently: a stack of open operators and their arguments. */
    private static int stackEvaluate(List<String> tokens) {
        Deque<String> operators = new ArrayDeque<>();
        Deque<List<Integer>> args = new ArrayDeque<>();
        args.push(new ArrayList<>());
        for (String t : tokens) {
            if (t.startsWith("[")) {
                operators.push(t.substring(1));
                args.push(new ArrayList<>());
            } else if (t.equals("]")) {
                List<Integer> a = args.pop();
                String op = operators.pop();
                List<Integer> sorted = a.stream().sorted().toList();
                int value = switch (op) {
                    case "MAX" -> sorted.get(sorted.size() - 1);
                    case "MIN" -> sorted.get(0);
                    case "MED" -> sorted.size() % 2 == 1 ? sorted.get(sorted.size() / 2) : sorted.get(sorted.size() / 2 - 1);
                    case "SM" -> a.stream().mapToInt(Integer::intValue).sum() % 10;
                    default -> throw new AssertionError(op);
                };
                args.peek().add(value);
            } else {
                args.peek().add(Integer.parseInt(t));
            }
        }
        assertThat(operators).isEmpty();
        return args.pop().get(0);
    }

    /** {deepest nesting, most arguments, fewest arguments} of an expression. */
    private static int[] shape(List<String> tokens) {
        int depth = 0;
        int deepest = 0;
        Deque<int[]> counts = new ArrayDeque<>();
        int most = 0;
        int fewest = Integer.MAX_VALUE;
        for (String t : tokens) {
            if (t.startsWith("[")) {
                if (!counts.isEmpty()) {
                    counts.peek()[0]++;
                }
                counts.push(new int[1]);
                deepest = Math.max(deepest, ++depth);
            } else if (t.equals("]")) {
                int n = counts.pop()[0];
                most = Math.max(most, n);
                fewest = Math.min(fewest, n);
                depth--;
            } else {
                counts.peek()[0]++;
            }
        }
        return new int[] {deepest, most, fewest};
    }
}
