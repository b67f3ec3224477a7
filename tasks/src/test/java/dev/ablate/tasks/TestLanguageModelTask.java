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

final class TestLanguageModelTask {

    @TempDir
    Path dir;

    @Test
    void defaults() {
        TaskConfig config = parse("{'type': 'lm', 'file': 'text.txt'}");
        assertThat(config).isEqualTo(new LanguageModelTaskConfig("text.txt", Tokenization.CHAR, 64, 0.05, 0.05, null));
        assertThat(config.kind()).isEqualTo(TaskKind.LANGUAGE_MODEL);
    }

    @Test
    void theSplitIsContiguousAndEachSplitIsCutIntoWholeChunks() throws IOException {
        // 100 characters: 80 train, 10 valid, 10 test
        String train = "abcd".repeat(20);
        String valid = "badcbadcba";
        String test = "dcbazdcbaz";
        Files.writeString(dir.resolve("text.txt"), train + valid + test);
        Task task = parse("{'type': 'lm', 'file': 'text.txt', 'length': 8, 'validFraction': 0.1, 'testFraction': 0.1}")
                .load(dir);
        Vocabulary v = task.sourceVocabulary();
        // built from the training split alone: z is unknown
        assertThat(v.tokens()).containsExactly("<pad>", "<s>", "</s>", "<unk>", "a", "b", "c", "d");
        assertThat(task.targetVocabulary()).isSameAs(v);
        assertThat(task.examples(Split.TRAIN)).hasSize(10)
                .allSatisfy(e -> assertThat(v.decode(e.source())).isEqualTo("abcdabcd"));
        assertThat(task.examples(Split.VALID)).extracting(e -> v.decode(e.source())).containsExactly("badcbadc");
        assertThat(task.examples(Split.TEST)).extracting(e -> v.decode(e.source())).containsExactly("dcba<unk>dcb");
        assertThat(task.examples(Split.TEST).get(0).source()).hasSize(8).contains(Vocabulary.UNK);
        assertThat(task.examples(Split.TEST).get(0).target()).isEmpty();
        assertThat(task.shape()).isEqualTo(TaskShape.languageModel(8, 9, Vocabulary.PAD));
        assertThat(task.kind()).isEqualTo(TaskKind.LANGUAGE_MODEL);
    }

    @Test
    void wordTokensWithALimitedVocabulary() throws IOException {
        Files.createDirectories(dir.resolve("data"));
        // 20 words: 16 train, 2 valid, 2 test
        Files.writeString(dir.resolve("data/words.txt"),
                "the cat sat on the mat\nthe dog sat on the log\nthe end of the\n story is near now");
        Task task = parse("{'type': 'lm', 'file': 'data/words.txt', 'tokenization': 'word', 'length': 2, "
                + "'validFraction': 0.1, 'testFraction': 0.1, 'maxVocabulary': 3}").load(dir);
        Vocabulary v = task.sourceVocabulary();
        assertThat(v.tokens()).containsExactly("<pad>", "<s>", "</s>", "<unk>", "the", "on", "sat");
        assertThat(task.examples(Split.TRAIN)).extracting(e -> v.decode(e.source()))
                .containsExactly("the <unk>", "sat on", "the <unk>", "the <unk>", "sat on", "the <unk>", "the <unk>", "<unk> the");
        assertThat(task.examples(Split.VALID)).extracting(e -> v.decode(e.source())).containsExactly("<unk> <unk>");
        assertThat(task.examples(Split.TEST)).extracting(e -> v.decode(e.source())).containsExactly("<unk> <unk>");
    }

    @Test
    void fractionsAreTakenInDecimal() throws IOException {
        // 100 * 0.29 is 28.999999999999996 in binary floating point
        Files.writeString(dir.resolve("t.txt"), "x".repeat(100));
        Task task = parse("{'type': 'lm', 'file': 't.txt', 'length': 1, 'validFraction': 0.29, 'testFraction': 0.01}").load(dir);
        assertThat(task.examples(Split.TRAIN)).hasSize(70);
        assertThat(task.examples(Split.VALID)).hasSize(29);
        assertThat(task.examples(Split.TEST)).hasSize(1);
    }

    @Test
    void loadingTwiceGivesTheSameData() throws IOException {
        Files.writeString(dir.resolve("t.txt"), "some text ".repeat(100));
        TaskConfig config = parse("{'type': 'lm', 'file': 't.txt', 'length': 16}");
        assertThat(TaskTesting.all(config.load(dir))).isEqualTo(TaskTesting.all(config.load(dir)));
    }

    @Test
    void aSplitTooShortForOneChunkIsAUserError() throws IOException {
        Path file = Files.writeString(dir.resolve("short.txt"), "x".repeat(1000));
        assertThatThrownBy(() -> parse("{'type': 'lm', 'file': 'short.txt'}").load(dir))
                .isInstanceOf(UserException.class)
                .hasMessage(file + ": the valid split has 50 char tokens, too few for one example of length 64 "
                        + "(the file has 1000 tokens: 900 train, 50 valid, 50 test); use a longer file, a smaller length "
                        + "or a larger validFraction");
    }

    @Test
    void missingAndUnreadableFilesAreUserErrorsNamingThem() throws IOException {
        assertThatThrownBy(() -> parse("{'type': 'lm', 'file': 'nope.txt'}").load(dir))
                .isInstanceOf(UserException.class).hasMessage(dir.resolve("nope.txt") + ": no such file");
        Path binary = Files.write(dir.resolve("bad.txt"), new byte[] {'a', (byte) 0xff, (byte) 0xfe, 'b'});
        assertThatThrownBy(() -> parse("{'type': 'lm', 'file': 'bad.txt'}").load(dir))
                .isInstanceOf(UserException.class).hasMessage(binary + ": not UTF-8 text");
        assertThatThrownBy(() -> parse("{'type': 'lm', 'file': '.'}").load(dir))
                .isInstanceOf(UserException.class).hasMessageStartingWith(dir.resolve(".") + ": cannot read");
    }

    @Test
    void badValuesAreClearErrors() {
        assertThatThrownBy(() -> parse("{'type': 'lm'}")).isInstanceOf(ConfigException.class)
                .hasMessageContaining("file: must be given: the text file, relative to the spec's folder (got null)");
        assertThatThrownBy(() -> parse("{'type': 'lm', 'file': ' '}")).hasMessageContaining("file: must not be empty");
        assertThatThrownBy(() -> parse("{'type': 'lm', 'file': 'a', 'tokenization': 'symbols'}"))
                .hasMessageContaining("tokenization: must be char or word (got symbols)");
        assertThatThrownBy(() -> parse("{'type': 'lm', 'file': 'a', 'tokenization': 'chars'}"))
                .hasMessageContaining("unknown value 'chars'; expected one of: char, word, symbols, bpe.");
        assertThatThrownBy(() -> parse("{'type': 'lm', 'file': 'a', 'testFraction': 0}"))
                .hasMessageContaining("testFraction: must be in (0, 1) (got 0.0)");
        assertThatThrownBy(() -> parse("{'type': 'lm', 'file': 'a', 'validFraction': 0.5, 'testFraction': 0.5}"))
                .hasMessageContaining("testFraction: must leave a training split: validFraction + testFraction must be < 1");
        assertThatThrownBy(() -> parse("{'type': 'lm', 'file': 'a', 'maxVocabulary': 0}"))
                .hasMessageContaining("maxVocabulary: must be >= 1 (got 0)");
        assertThat(List.of(parse("{'type': 'lm', 'file': 'a', 'tokenization': 'word'}").kind()))
                .containsExactly(TaskKind.LANGUAGE_MODEL);
    }
}
