package dev.ablate.tasks;

import static dev.ablate.tasks.TaskTesting.parse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ablate.core.config.ConfigException;
import dev.ablate.core.error.UserException;
import dev.ablate.core.model.TaskShape;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class TestParallelTask {

    private static final String TSV_SPLITS =
            "'train': {'tsv': 'train.tsv'}, 'valid': {'tsv': 'valid.tsv'}, 'test': {'tsv': 'test.tsv'}";

    @TempDir
    Path dir;

    @Test
    void defaults() {
        TaskConfig config = parse("{'type': 'parallel', " + TSV_SPLITS + "}");
        assertThat(config).isEqualTo(new ParallelTaskConfig(ParallelFiles.tsv("train.tsv"), ParallelFiles.tsv("valid.tsv"),
                ParallelFiles.tsv("test.tsv"), Tokenization.CHAR, true, null, 256));
        assertThat(config.kind()).isEqualTo(TaskKind.SEQUENCE_TO_SEQUENCE);
    }

    @Test
    void tsvFilesWithASharedVocabulary() throws IOException {
        write("train.tsv", "\uFEFFthe cat\tdie katze\r\n\r\nthe dog \t der hund\r\na cat\tdie katze\r\n");
        write("valid.tsv", "the cat\tdie katze\n");
        write("test.tsv", "a big dog\tein grosser hund\n");
        Task task = parse("{'type': 'parallel', " + TSV_SPLITS + ", 'tokenization': 'word'}").load(dir);
        Vocabulary v = task.sourceVocabulary();
        assertThat(task.targetVocabulary()).isSameAs(v);
        // cat 2, die 2, katze 2, the 2, a 1, der 1, dog 1, hund 1
        assertThat(v.tokens().subList(4, v.size())).containsExactly("cat", "die", "katze", "the", "a", "der", "dog", "hund");
        assertThat(task.examples(Split.TRAIN)).hasSize(3);
        assertThat(decoded(task, Split.TRAIN)).containsExactly(
                "the cat -> die katze", "the dog -> der hund", "a cat -> die katze");
        assertThat(decoded(task, Split.TEST)).containsExactly("a <unk> dog -> <unk> <unk> hund");
        assertThat(task.shape()).isEqualTo(TaskShape.sequenceToSequence(12, 12, 4, 4, Vocabulary.PAD));
        assertThat(task.notes()).isEmpty();
        assertThat(task.classes()).isEmpty();
    }

    @Test
    void sourceAndTargetFilesWithSeparateVocabularies() throws IOException {
        write("train.en", "ab\nba\nabc\n");
        write("train.de", "xy\nyx\nxyz\n");
        write("valid.en", "ab");
        write("valid.de", "xy");
        write("test.en", "abcabc\n");
        write("test.de", "q\n");
        Task task = parse("{'type': 'parallel', 'train': {'source': 'train.en', 'target': 'train.de'}, "
                + "'valid': {'source': 'valid.en', 'target': 'valid.de'}, "
                + "'test': {'source': 'test.en', 'target': 'test.de'}, 'sharedVocabulary': false}").load(dir);
        assertThat(task.sourceVocabulary().tokens().subList(4, 7)).containsExactly("a", "b", "c");
        assertThat(task.targetVocabulary().tokens().subList(4, 7)).containsExactly("x", "y", "z");
        assertThat(task.sourceVocabulary().tokenization()).isEqualTo(Tokenization.CHAR);
        assertThat(decoded(task, Split.TRAIN)).containsExactly("ab -> xy", "ba -> yx", "abc -> xyz");
        assertThat(decoded(task, Split.VALID)).containsExactly("ab -> xy");
        assertThat(decoded(task, Split.TEST)).containsExactly("abcabc -> <unk>");
        // the longest source is in the test split
        assertThat(task.shape()).isEqualTo(TaskShape.sequenceToSequence(7, 7, 7, 4, Vocabulary.PAD));
        assertThat(TaskTesting.all(task)).isEqualTo(TaskTesting.all(parse("{'type': 'parallel', "
                + "'train': {'source': 'train.en', 'target': 'train.de'}, 'valid': {'source': 'valid.en', 'target': 'valid.de'}, "
                + "'test': {'source': 'test.en', 'target': 'test.de'}, 'sharedVocabulary': false}").load(dir)));
    }

    @Test
    void longPairsAndPairsWithAnEmptySideAreDroppedAndNoted() throws IOException {
        write("train.tsv", "a\tb\nabcdef\tb\n\tb\nab\tba\n");
        write("valid.tsv", "a\tb\na\tbbbbbbbbbbbbbbbbbbbbbb\n");
        write("test.tsv", "b\ta\n");
        Task task = parse("{'type': 'parallel', " + TSV_SPLITS + ", 'maxLength': 5}").load(dir);
        assertThat(decoded(task, Split.TRAIN)).containsExactly("a -> b", "ab -> ba");
        assertThat(decoded(task, Split.VALID)).containsExactly("a -> b");
        assertThat(task.notes()).containsExactly(
                "train split (train.tsv): skipped 1 of 4 pairs with an empty source or target",
                "train split (train.tsv): dropped 1 of 4 pairs with more than maxLength = 5 char tokens on a side",
                "valid split (valid.tsv): dropped 1 of 2 pairs with more than maxLength = 5 char tokens on a side");
        assertThat(task.shape().maxSourceLength()).isEqualTo(3);
    }

    @Test
    void aTsvLineWithoutExactlyOneTabIsAnErrorWithItsLineNumber() throws IOException {
        Path train = write("train.tsv", "a\tb\n\nc\td\te\n");
        write("valid.tsv", "a\tb\n");
        write("test.tsv", "a\tb\n");
        assertThatThrownBy(() -> parse("{'type': 'parallel', " + TSV_SPLITS + "}").load(dir))
                .isInstanceOf(UserException.class)
                .hasMessage(train + ":3: expected one tab between source and target, found 2");
        write("train.tsv", "a\tb\nno tab here\n");
        assertThatThrownBy(() -> parse("{'type': 'parallel', " + TSV_SPLITS + "}").load(dir))
                .hasMessage(train + ":2: expected one tab between source and target, found 0");
    }

    @Test
    void sourceAndTargetFilesMustHaveAsManyLines() throws IOException {
        Path en = write("train.en", "a\nb\nc\n");
        Path de = write("train.de", "x\ny\n");
        write("valid.tsv", "a\tb\n");
        write("test.tsv", "a\tb\n");
        assertThatThrownBy(() -> parse("{'type': 'parallel', 'train': {'source': 'train.en', 'target': 'train.de'}, "
                + "'valid': {'tsv': 'valid.tsv'}, 'test': {'tsv': 'test.tsv'}}").load(dir))
                .isInstanceOf(UserException.class)
                .hasMessage("parallel train split: " + en + " has 3 lines but " + de
                        + " has 2; the source and target files must have the same number of lines");
    }

    @Test
    void missingFilesAndEmptySplitsAreUserErrors() throws IOException {
        write("train.tsv", "a\tb\n");
        write("valid.tsv", "a\tb\n");
        assertThatThrownBy(() -> parse("{'type': 'parallel', " + TSV_SPLITS + "}").load(dir))
                .isInstanceOf(UserException.class).hasMessage(dir.resolve("test.tsv") + ": no such file");
        write("test.tsv", "\n\n");
        assertThatThrownBy(() -> parse("{'type': 'parallel', " + TSV_SPLITS + "}").load(dir))
                .isInstanceOf(UserException.class)
                .hasMessage("parallel test split (test.tsv): no pairs left (0 read, 0 with an empty side, 0 longer than maxLength = 256 tokens)");
    }

    @Test
    void filesMustBeATsvOrASourceAndATarget() {
        assertThatThrownBy(() -> parse("{'type': 'parallel', 'train': {'tsv': 'a.tsv', 'source': 'a.en'}, "
                + "'valid': {'tsv': 'v.tsv'}, 'test': {'tsv': 't.tsv'}}"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("train.tsv: give either tsv or source and target, not both (got a.tsv)");
        assertThatThrownBy(() -> parse("{'type': 'parallel', 'train': {'source': 'a.en'}, "
                + "'valid': {'tsv': 'v.tsv'}, 'test': {'tsv': 't.tsv'}}"))
                .hasMessageContaining("train.target: must be given with source (got null)");
        assertThatThrownBy(() -> parse("{'type': 'parallel', 'train': {}, 'valid': {'tsv': 'v.tsv'}, 'test': {'tsv': 't.tsv'}}"))
                .hasMessageContaining("train.tsv: must be given (a file of source<TAB>target lines), or else source and target");
        assertThatThrownBy(() -> parse("{'type': 'parallel', 'train': {'tsv': 'a.tsv'}, 'test': {'tsv': 't.tsv'}}"))
                .hasMessageContaining("valid: must be given: the validation pairs");
        assertThatThrownBy(() -> parse("{'type': 'parallel', " + TSV_SPLITS + ", 'maxLength': 0}"))
                .hasMessageContaining("maxLength: must be >= 1 (got 0)");
        assertThatThrownBy(() -> parse("{'type': 'parallel', " + TSV_SPLITS + ", 'tokenization': 'symbols'}"))
                .hasMessageContaining("tokenization: must be char, word or bpe (got symbols)");
    }

    @Test
    void bpeLearnsJointSubwordsOnTheTrainingSplitAndCountsMaxLengthInSubwords() throws IOException {
        write("train.tsv", "the lower wall\tla pared baja\nthe lowest wall\tla pared más baja\nthe newest wall\tla pared nueva\n");
        write("valid.tsv", "the wall\tla pared\n");
        write("test.tsv", "the lowest wall of all the walls of the world\tla pared\nthe wall!\tla pared¡\n");
        Task task = parse("{'type': 'parallel', " + TSV_SPLITS + ", 'tokenization': 'bpe', 'maxVocabulary': 40, 'maxLength': 8}")
                .load(dir);
        Vocabulary v = task.sourceVocabulary();
        assertThat(task.targetVocabulary()).isSameAs(v);
        List<String> train = List.of("the lower wall", "the lowest wall", "the newest wall", "la pared baja",
                "la pared más baja", "la pared nueva");
        assertThat(v.subwords()).contains(BytePairEncoding.learn(train, 40));
        assertThat(v.size()).isEqualTo(4 + 40);
        assertThat(decoded(task, Split.TRAIN)).containsExactly("the lower wall -> la pared baja",
                "the lowest wall -> la pared más baja", "the newest wall -> la pared nueva");
        // "!" and "¡" never occur in training: <unk>. The long test pair is over 8 subwords: dropped, counted.
        assertThat(decoded(task, Split.TEST)).containsExactly("the wall<unk> -> la pared<unk>");
        assertThat(task.notes()).containsExactly(
                "test split (test.tsv): dropped 1 of 2 pairs with more than maxLength = 8 bpe tokens on a side");
        assertThat(v.split("the wall")).containsExactly("\u2581the", "\u2581wall");
    }

    @Test
    void bpeNeedsAVocabularySize() {
        assertThatThrownBy(() -> parse("{'type': 'parallel', " + TSV_SPLITS + ", 'tokenization': 'bpe'}"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("maxVocabulary");
        assertThatThrownBy(() -> parse("{'type': 'lm', 'file': 'a.txt', 'tokenization': 'bpe'}"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("must be char or word");
    }

    private static List<String> decoded(Task task, Split split) {
        return task.examples(split).stream()
                .map(e -> task.sourceVocabulary().decode(e.source()) + " -> " + task.targetVocabulary().decode(e.target()))
                .toList();
    }

    private Path write(String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content);
    }
}
