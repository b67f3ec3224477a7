package dev.ablate.tasks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ablate.core.error.UserException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class TestVocabulary {

    @TempDir
    Path dir;

    @Test
    void specialTokensComeFirstThenTheSymbolsInOrder() {
        Vocabulary v = Vocabulary.of(List.of("b", "a", "c"), Tokenization.WORD);
        assertThat(v.size()).isEqualTo(7);
        assertThat(v.tokens()).containsExactly("<pad>", "<s>", "</s>", "<unk>", "b", "a", "c");
        assertThat(List.of(Vocabulary.PAD, Vocabulary.BOS, Vocabulary.EOS, Vocabulary.UNK)).containsExactly(0, 1, 2, 3);
        assertThat(v.id("<pad>")).isEqualTo(Vocabulary.PAD);
        assertThat(v.id("</s>")).isEqualTo(Vocabulary.EOS);
        assertThat(v.id("b")).isEqualTo(4);
        assertThat(v.id("c")).isEqualTo(6);
        assertThat(v.id("zebra")).isEqualTo(Vocabulary.UNK);
        assertThat(v.token(5)).isEqualTo("a");
        assertThat(v.token(1)).isEqualTo("<s>");
        assertThatThrownBy(() -> v.token(7)).hasMessageContaining("token id 7 is outside the vocabulary (0..6)");
        assertThat(v.tokenization()).isEqualTo(Tokenization.WORD);
    }

    @Test
    void charTokenizationTakesEveryCodePoint() {
        Vocabulary v = Vocabulary.of(List.of("h", "é", " ", "😀", "\n"), Tokenization.CHAR);
        assertThat(Tokenization.CHAR.split("hé 😀\n")).containsExactly("h", "é", " ", "😀", "\n");
        assertThat(TaskTesting.boxed(v.encode("hé 😀\nx"))).containsExactly(4, 5, 6, 7, 8, Vocabulary.UNK);
        assertThat(v.decode(v.encode("hé 😀\n"))).isEqualTo("hé 😀\n");
    }

    @Test
    void wordTokenizationSplitsOnAnyWhitespace() {
        assertThat(Tokenization.WORD.split("  the\tcat \n sat\u2003down ")).containsExactly("the", "cat", "sat", "down");
        assertThat(Tokenization.WORD.split(" \n ")).isEmpty();
        Vocabulary v = Vocabulary.of(List.of("the", "cat"), Tokenization.WORD);
        assertThat(TaskTesting.boxed(v.encode("the  cat\tdog"))).containsExactly(4, 5, Vocabulary.UNK);
        assertThat(v.decode(new int[] {4, 5})).isEqualTo("the cat");
    }

    @Test
    void symbolsTokenizationSplitsOnSpaces() {
        assertThat(Tokenization.SYMBOLS.split("3 0 12")).containsExactly("3", "0", "12");
        assertThat(Tokenization.SYMBOLS.split("[MAX 1  2 ]")).containsExactly("[MAX", "1", "2", "]");
        assertThat(Tokenization.SYMBOLS.split("")).isEmpty();
        Vocabulary v = Vocabulary.of(SymbolSequences.symbols(13), Tokenization.SYMBOLS);
        assertThat(TaskTesting.boxed(v.encode("3 0 12"))).containsExactly(7, 4, 16);
        assertThat(v.decode(new int[] {7, 4, 16})).isEqualTo("3 0 12");
    }

    @Test
    void decodeDropsPaddingAndSentenceMarksButShowsUnknownTokens() {
        Vocabulary v = Vocabulary.of(List.of("a", "b"), Tokenization.WORD);
        int[] ids = {Vocabulary.BOS, 4, Vocabulary.UNK, 5, Vocabulary.EOS, Vocabulary.PAD, Vocabulary.PAD};
        assertThat(v.decode(ids)).isEqualTo("a <unk> b");
        Vocabulary chars = Vocabulary.of(List.of("a"), Tokenization.CHAR);
        assertThat(chars.decode(new int[] {Vocabulary.BOS, 4, 4, Vocabulary.EOS})).isEqualTo("aa");
    }

    @Test
    void textNeverEncodesToASpecialToken() {
        Vocabulary v = Vocabulary.of(List.of("a"), Tokenization.WORD);
        assertThat(TaskTesting.boxed(v.encode("a <s> <pad> </s>"))).containsExactly(4, 3, 3, 3);
    }

    @Test
    void buildOrdersByFrequencyThenByToken() {
        Vocabulary v = Vocabulary.build(List.of("b a a c", "c c d", "x b"), Tokenization.WORD, null, 1);
        // c: 3, a: 2, b: 2, d: 1, x: 1
        assertThat(v.tokens().subList(4, v.size())).containsExactly("c", "a", "b", "d", "x");
        assertThat(Vocabulary.build(List.of("x b", "c c d", "b a a c"), Tokenization.WORD, null, 1)).isEqualTo(v);
        assertThat(Vocabulary.build(List.of("b a a c", "c c d", "x b"), Tokenization.WORD, 2, 1).tokens())
                .containsExactly("<pad>", "<s>", "</s>", "<unk>", "c", "a");
        assertThat(Vocabulary.build(List.of("b a a c", "c c d", "x b"), Tokenization.WORD, null, 2).tokens().subList(4, 7))
                .containsExactly("c", "a", "b");
        assertThat(Vocabulary.build(List.of("b a a c"), Tokenization.WORD, 0, 1).size()).isEqualTo(4);
    }

    @Test
    void buildCharVocabularyIncludesWhitespaceAndSkipsSpecialSpellings() {
        Vocabulary v = Vocabulary.build(List.of("ab a\n"), Tokenization.CHAR, null, 1);
        assertThat(v.tokens().subList(4, v.size())).containsExactly("a", "\n", " ", "b");
        Vocabulary w = Vocabulary.build(List.of("<s> hi <unk> hi"), Tokenization.WORD, null, 1);
        assertThat(w.tokens().subList(4, w.size())).containsExactly("hi");
    }

    @Test
    void ofRejectsSymbolsTheTokenizationCannotProduce() {
        assertThatThrownBy(() -> Vocabulary.of(List.of("a", "a"), Tokenization.WORD)).hasMessage("symbol 'a' appears twice");
        assertThatThrownBy(() -> Vocabulary.of(List.of("<unk>"), Tokenization.WORD))
                .hasMessage("'<unk>' is a special token, not a symbol");
        assertThatThrownBy(() -> Vocabulary.of(List.of("ab"), Tokenization.CHAR))
                .hasMessage("'ab' is not a single character (tokenization char)");
        assertThatThrownBy(() -> Vocabulary.of(List.of("a b"), Tokenization.WORD))
                .hasMessage("'a b' contains whitespace (tokenization word)");
        assertThatThrownBy(() -> Vocabulary.of(List.of(""), Tokenization.SYMBOLS)).hasMessage("a token must not be empty");
    }

    @Test
    void saveAndLoadRoundTrip() throws IOException {
        Vocabulary v = Vocabulary.build(List.of("héllo wörld\n\"quoted\"\\"), Tokenization.CHAR, null, 1);
        Path file = dir.resolve("runs/r1/vocabulary.json");
        v.save(file);
        Vocabulary back = Vocabulary.load(file);
        assertThat(back).isEqualTo(v);
        assertThat(back.tokens()).isEqualTo(v.tokens());
        String json = Files.readString(file);
        assertThat(json).contains("\"tokenization\" : \"char\"").contains("\"<pad>\"");
        assertThat(TaskTesting.JSON.mapper().readTree(json).fieldNames()).toIterable()
                .containsExactly("tokenization", "tokens");

        Vocabulary other = Vocabulary.of(List.of("x"), Tokenization.SYMBOLS);
        other.save(file);
        assertThat(Vocabulary.load(file)).isEqualTo(other);
        try (Stream<Path> files = Files.list(file.getParent())) {
            assertThat(files).containsExactly(file);
        }
    }

    @Test
    void bpeVocabularySegmentsByItsMergesAndSavesThem() throws IOException {
        BytePairEncoding bpe = BytePairEncoding.learn(List.of("low low lower", "newest newest"), 12);
        Vocabulary v = Vocabulary.of(bpe);
        assertThat(v.tokenization()).isEqualTo(Tokenization.BPE);
        assertThat(v.tokens().subList(4, v.size())).isEqualTo(bpe.symbols());
        assertThat(v.split("lowest")).isEqualTo(bpe.segment("lowest"));
        assertThat(v.decode(v.encode("  lower  newest "))).isEqualTo("lower newest");
        assertThat(v.decode(v.encode("lowz"))).isEqualTo("low<unk>");

        Path file = dir.resolve("bpe/vocabulary.json");
        v.save(file);
        assertThat(TaskTesting.JSON.mapper().readTree(Files.readString(file)).fieldNames()).toIterable()
                .containsExactly("tokenization", "tokens", "merges");
        Vocabulary back = Vocabulary.load(file);
        assertThat(back).isEqualTo(v);
        assertThat(back.subwords()).contains(bpe);
        assertThat(back.encode("newer lowest")).isEqualTo(v.encode("newer lowest"));

        // A file whose tokens do not follow from its merges is refused, not trusted.
        String json = Files.readString(file);
        String droppedMerge = json.replaceFirst("\"merges\" : \\[\\s*\"[^\"]*\",", "\"merges\" : [");
        assertThat(droppedMerge).isNotEqualTo(json);
        Path tampered = write("tampered.json", droppedMerge);
        assertThatThrownBy(() -> Vocabulary.load(tampered)).isInstanceOf(UserException.class)
                .hasMessageStartingWith(tampered + ": not a vocabulary file: ");
        Path noMerges = write("nomerges.json", "{\"tokenization\": \"bpe\", \"tokens\": [\"<pad>\", \"<s>\", \"</s>\", \"<unk>\"]}");
        assertThatThrownBy(() -> Vocabulary.load(noMerges)).isInstanceOf(UserException.class)
                .hasMessage(noMerges + ": not a vocabulary file: \"merges\" belong to a bpe vocabulary, and a bpe vocabulary needs them");
        assertThatThrownBy(() -> Vocabulary.of(List.of("a"), Tokenization.BPE)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void loadingABadFileIsAUserErrorNamingIt() throws IOException {
        Path missing = dir.resolve("missing.json");
        assertThatThrownBy(() -> Vocabulary.load(missing))
                .isInstanceOf(UserException.class).hasMessage(missing + ": no such file");
        Path broken = write("broken.json", "{\"tokenization\": ");
        assertThatThrownBy(() -> Vocabulary.load(broken))
                .isInstanceOf(UserException.class).hasMessageStartingWith(broken + ": not a vocabulary file: invalid JSON");
        Path noSpecials = write("nospecials.json", "{\"tokenization\": \"word\", \"tokens\": [\"a\"]}");
        assertThatThrownBy(() -> Vocabulary.load(noSpecials)).isInstanceOf(UserException.class)
                .hasMessage(noSpecials + ": not a vocabulary file: the tokens must start with <pad>, <s>, </s>, <unk>");
        Path badTokenization = write("tok.json", "{\"tokenization\": \"bytes\", \"tokens\": []}");
        assertThatThrownBy(() -> Vocabulary.load(badTokenization)).isInstanceOf(UserException.class)
                .hasMessage(badTokenization + ": not a vocabulary file: unknown tokenization 'bytes'; expected char, word, symbols or bpe");
        Path twice = write("twice.json",
                "{\"tokenization\": \"word\", \"tokens\": [\"<pad>\", \"<s>\", \"</s>\", \"<unk>\", \"a\", \"a\"]}");
        assertThatThrownBy(() -> Vocabulary.load(twice)).isInstanceOf(UserException.class)
                .hasMessage(twice + ": not a vocabulary file: symbol 'a' appears twice");
        Path extra = write("extra.json", "{\"tokenization\": \"word\", \"tokens\": [], \"size\": 4}");
        assertThatThrownBy(() -> Vocabulary.load(extra)).isInstanceOf(UserException.class)
                .hasMessage(extra + ": not a vocabulary file: unknown field 'size'");
    }

    private Path write(String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content, StandardCharsets.UTF_8);
    }
}
