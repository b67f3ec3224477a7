package dev.ablate.experiments.training;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.ablate.tasks.Example;
import dev.ablate.tasks.TaskKind;
import dev.ablate.tasks.Vocabulary;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Batches as a pure function of (seed, step), and the layout of each task kind. */
class TestBatches {

    @RegisterExtension
    final CpuManager cpu = new CpuManager();

    /** {@code n} sequence-to-sequence examples, each identified by its first source token (4 + index). */
    private static List<Example> numbered(int n) {
        List<Example> examples = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            examples.add(Example.sequenceToSequence(new int[] {4 + i, 5, 6}, new int[] {7, 4 + i}));
        }
        return examples;
    }

    /** The example indices of a training batch, read back from the encoder input. */
    private List<Integer> picked(Batches batches, long seed, int step, int batchSize) {
        try (NDManager local = cpu.get().newSubManager()) {
            Batches.Batch batch = batches.train(local, seed, step, batchSize);
            int[] source = batch.inputs().get(0).toIntArray();
            int width = (int) batch.inputs().get(0).getShape().get(1);
            List<Integer> out = new ArrayList<>();
            for (int r = 0; r < batch.size(); r++) {
                out.add(source[r * width] - 4);
            }
            return out;
        }
    }

    @Test
    void theSameSeedAndStepGiveTheSameBatchFromTwoInstances() {
        List<Example> examples = numbered(37);
        Batches a = new Batches(TaskKind.SEQUENCE_TO_SEQUENCE, examples);
        Batches b = new Batches(TaskKind.SEQUENCE_TO_SEQUENCE, examples);
        // a reads its steps in order, b out of order (as a resumed run starts in the middle)
        List<List<Integer>> inOrder = new ArrayList<>();
        for (int step = 1; step <= 12; step++) {
            inOrder.add(picked(a, 42, step, 8));
        }
        for (int step : new int[] {9, 3, 12, 1, 5, 11, 2, 10, 4, 8, 6, 7}) {
            assertThat(picked(b, 42, step, 8)).as("step %d", step).isEqualTo(inOrder.get(step - 1));
        }
        // and the arrays themselves are equal
        try (NDManager local = cpu.get().newSubManager()) {
            Batches.Batch x = a.train(local, 42, 7, 8);
            Batches.Batch y = new Batches(TaskKind.SEQUENCE_TO_SEQUENCE, examples).train(local, 42, 7, 8);
            for (int i = 0; i < 2; i++) {
                assertThat(x.inputs().get(i).toIntArray()).containsExactly(y.inputs().get(i).toIntArray());
            }
            assertThat(x.labels().toIntArray()).containsExactly(y.labels().toIntArray());
            assertThat(x.labelTokens()).isEqualTo(y.labelTokens());
        }
    }

    @Test
    void differentSeedsGiveDifferentBatches() {
        List<Example> examples = numbered(37);
        List<Integer> one = new ArrayList<>();
        List<Integer> two = new ArrayList<>();
        Batches a = new Batches(TaskKind.SEQUENCE_TO_SEQUENCE, examples);
        Batches b = new Batches(TaskKind.SEQUENCE_TO_SEQUENCE, examples);
        for (int step = 1; step <= 5; step++) {
            one.addAll(picked(a, 1, step, 8));
            two.addAll(picked(b, 2, step, 8));
        }
        assertThat(one).isNotEqualTo(two);
    }

    @Test
    void oneInstanceIsAPureFunctionOfSeedAndStep() {
        List<Example> examples = numbered(37);
        Batches fresh = new Batches(TaskKind.SEQUENCE_TO_SEQUENCE, examples);
        List<Integer> seedTwo = picked(fresh, 2, 1, 8);
        Batches shared = new Batches(TaskKind.SEQUENCE_TO_SEQUENCE, examples);
        picked(shared, 1, 1, 8);
        assertThat(picked(shared, 2, 1, 8)).isEqualTo(seedTwo);
    }

    @Test
    void everyEpochCoversEveryExampleOnce() {
        int n = 37;
        int batchSize = 8;
        Batches batches = new Batches(TaskKind.SEQUENCE_TO_SEQUENCE, numbered(n));
        // 3 epochs = 111 positions; batches cross epoch boundaries (37 is not a multiple of 8)
        List<Integer> stream = new ArrayList<>();
        for (int step = 1; stream.size() < 3 * n; step++) {
            stream.addAll(picked(batches, 7, step, batchSize));
        }
        List<Integer> all = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            all.add(i);
        }
        List<List<Integer>> epochs = new ArrayList<>();
        for (int e = 0; e < 3; e++) {
            List<Integer> epoch = new ArrayList<>(stream.subList(e * n, (e + 1) * n));
            epochs.add(List.copyOf(epoch));
            epoch.sort(null);
            assertThat(epoch).as("epoch %d", e).isEqualTo(all);
        }
        // shuffled, and afresh each epoch
        assertThat(epochs.get(0)).isNotEqualTo(all);
        assertThat(epochs.get(1)).isNotEqualTo(epochs.get(0));
        assertThat(epochs.get(2)).isNotEqualTo(epochs.get(1));
    }

    @Test
    void batchSizeLargerThanTheDataWrapsAround() {
        Batches batches = new Batches(TaskKind.SEQUENCE_TO_SEQUENCE, numbered(3));
        List<Integer> picked = picked(batches, 5, 1, 7);
        assertThat(picked).hasSize(7);
        assertThat(picked.subList(0, 3)).containsExactlyInAnyOrder(0, 1, 2);
        assertThat(picked.subList(3, 6)).containsExactlyInAnyOrder(0, 1, 2);
    }

    @Test
    void sequenceToSequenceLayout() {
        List<Example> examples = List.of(
                Example.sequenceToSequence(new int[] {5, 6, 7}, new int[] {8, 9}),
                Example.sequenceToSequence(new int[] {10}, new int[] {11, 12, 13, 14}));
        Batches batches = new Batches(TaskKind.SEQUENCE_TO_SEQUENCE, examples);
        Batches.Batch batch = batches.slice(cpu.get(), 0, 2);
        int eos = Vocabulary.EOS;
        int bos = Vocabulary.BOS;
        int pad = Vocabulary.PAD;
        assertThat(batch.size()).isEqualTo(2);
        assertThat(batch.inputs()).hasSize(2);
        // source + EOS, padded to the longest (3 + 1)
        assertThat(batch.inputs().get(0).getShape()).isEqualTo(new Shape(2, 4));
        assertThat(batch.inputs().get(0).toIntArray()).containsExactly(5, 6, 7, eos, 10, eos, pad, pad);
        // BOS + target, padded to the longest target + 1
        assertThat(batch.inputs().get(1).getShape()).isEqualTo(new Shape(2, 5));
        assertThat(batch.inputs().get(1).toIntArray()).containsExactly(bos, 8, 9, pad, pad, bos, 11, 12, 13, 14);
        // target + EOS
        assertThat(batch.labels().getShape()).isEqualTo(new Shape(2, 5));
        assertThat(batch.labels().toIntArray()).containsExactly(8, 9, eos, pad, pad, 11, 12, 13, 14, eos);
        assertThat(batch.labelTokens()).isEqualTo(3 + 5);
        // a slice keeps the order
        Batches.Batch second = batches.slice(cpu.get(), 1, 2);
        assertThat(second.inputs().get(0).toIntArray()).containsExactly(10, eos);
        assertThat(second.labels().toIntArray()).containsExactly(11, 12, 13, 14, eos);
        assertThat(second.labelTokens()).isEqualTo(5);
    }

    @Test
    void languageModelLayout() {
        List<Example> examples = List.of(Example.text(new int[] {5, 6, 7, 8}), Example.text(new int[] {9, 10}));
        Batches.Batch batch = new Batches(TaskKind.LANGUAGE_MODEL, examples).slice(cpu.get(), 0, 2);
        int bos = Vocabulary.BOS;
        int pad = Vocabulary.PAD;
        assertThat(batch.inputs()).hasSize(1);
        // BOS + text without its last token, labels the text itself
        assertThat(batch.inputs().get(0).getShape()).isEqualTo(new Shape(2, 4));
        assertThat(batch.inputs().get(0).toIntArray()).containsExactly(bos, 5, 6, 7, bos, 9, pad, pad);
        assertThat(batch.labels().getShape()).isEqualTo(new Shape(2, 4));
        assertThat(batch.labels().toIntArray()).containsExactly(5, 6, 7, 8, 9, 10, pad, pad);
        assertThat(batch.labelTokens()).isEqualTo(6);
        assertThat(batch.size()).isEqualTo(2);
    }

    @Test
    void classificationLayout() {
        List<Example> examples = List.of(Example.classified(new int[] {5, 6, 7}, 1), Example.classified(new int[] {8}, 0),
                Example.classified(new int[] {9, 10}, 2));
        Batches.Batch batch = new Batches(TaskKind.CLASSIFICATION, examples).slice(cpu.get(), 0, 3);
        assertThat(batch.inputs()).hasSize(1);
        // the source alone, no BOS or EOS, padded with PAD
        assertThat(batch.inputs().get(0).getShape()).isEqualTo(new Shape(3, 3));
        assertThat(batch.inputs().get(0).toIntArray()).containsExactly(5, 6, 7, 8, 0, 0, 9, 10, 0);
        assertThat(batch.labels().getShape()).isEqualTo(new Shape(3));
        assertThat(batch.labels().toIntArray()).containsExactly(1, 0, 2);
        assertThat(batch.labelTokens()).isEqualTo(3);
        assertThat(batch.size()).isEqualTo(3);
    }

    @Test
    void trainingBatchesOfEveryKindHaveTheSameLayoutAsSlices() {
        // a training batch is the slice of the examples it picked, row by row
        List<Example> examples = new ArrayList<>();
        for (int i = 0; i < 11; i++) {
            int[] text = new int[1 + i % 4];
            Arrays.fill(text, 4 + i);
            examples.add(Example.text(text));
        }
        Batches batches = new Batches(TaskKind.LANGUAGE_MODEL, examples);
        try (NDManager local = cpu.get().newSubManager()) {
            Batches.Batch batch = batches.train(local, 3, 2, 5);
            int[] labels = batch.labels().toIntArray();
            int width = (int) batch.labels().getShape().get(1);
            long tokens = 0;
            for (int r = 0; r < 5; r++) {
                int index = labels[r * width] - 4;
                int[] text = examples.get(index).source();
                assertThat(Arrays.copyOfRange(labels, r * width, r * width + text.length)).containsExactly(text);
                for (int c = text.length; c < width; c++) {
                    assertThat(labels[r * width + c]).isEqualTo(Vocabulary.PAD);
                }
                tokens += text.length;
            }
            assertThat(batch.labelTokens()).isEqualTo(tokens);
        }
    }
}
