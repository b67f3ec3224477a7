package dev.ablate.tasks;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.ablate.core.error.UserException;
import dev.ablate.core.spi.ConfigCheck;
import dev.ablate.core.spi.InvalidConfigException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * {@code lm}: a language model on a UTF-8 text file. The whole file is one token stream (for {@code char},
 * every code point, line breaks included; for {@code word}, the runs of non-whitespace); it is split
 * contiguously: the last {@code floor(n * testFraction)} tokens are the test split, the
 * {@code floor(n * validFraction)} before them the validation split, the rest the training split. Each
 * split is cut into non-overlapping examples of {@code length} tokens from its start; its last, partial
 * chunk is dropped. The vocabulary is built from the training split alone (most frequent first); tokens
 * it lacks become {@code <unk>}.
 */
public record LanguageModelTaskConfig(
        @JsonPropertyDescription("the text file (required; UTF-8), relative to the spec's folder")
        String file,
        @JsonPropertyDescription("char (default: every character is a token) or word (whitespace-separated words)")
        Tokenization tokenization,
        @JsonPropertyDescription("tokens per example (default 64, >= 1)")
        Integer length,
        @JsonPropertyDescription("fraction of the token stream, before the test part, that is the validation split (default 0.05, in (0, 1))")
        Double validFraction,
        @JsonPropertyDescription("fraction of the token stream, at its end, that is the test split (default 0.05, in (0, 1))")
        Double testFraction,
        @JsonPropertyDescription("most tokens in the vocabulary, special tokens not counted (default: every token of the training split); "
                + "the most frequent are kept, the others become <unk>")
        Integer maxVocabulary)
        implements TaskConfig {

    public static final String TYPE = "lm";
    public static final int DEFAULT_LENGTH = 64;
    public static final double DEFAULT_FRACTION = 0.05;

    public LanguageModelTaskConfig {
        file = TaskChecks.path("file", TaskChecks.required("file", file, "the text file, relative to the spec's folder"));
        tokenization = TaskChecks.textTokenization(tokenization, false);
        length = TaskChecks.atLeast("length", length, DEFAULT_LENGTH, 1);
        validFraction = TaskChecks.openFraction("validFraction", validFraction, DEFAULT_FRACTION);
        testFraction = TaskChecks.openFraction("testFraction", testFraction, DEFAULT_FRACTION);
        if (validFraction + testFraction >= 1) {
            throw new InvalidConfigException("testFraction",
                    "must leave a training split: validFraction + testFraction must be < 1 (validFraction is " + validFraction + ")",
                    testFraction);
        }
        if (maxVocabulary != null) {
            ConfigCheck.atLeast("maxVocabulary", maxVocabulary, 1);
        }
    }

    @Override
    public TaskKind kind() {
        return TaskKind.LANGUAGE_MODEL;
    }

    @Override
    public Task load(Path specDirectory) {
        Path path = specDirectory.resolve(file);
        List<String> tokens = tokenization.split(TextFiles.read(path));
        int n = tokens.size();
        int test = share(n, testFraction);
        int valid = share(n, validFraction);
        int train = n - valid - test;
        Vocabulary vocabulary = Vocabulary.buildFromTokens(tokens.subList(0, train), tokenization, maxVocabulary, 1);
        int[] ids = vocabulary.encode(tokens);
        Map<Split, List<Example>> splits = LoadedTask.splits(
                chunks(ids, 0, train), chunks(ids, train, train + valid), chunks(ids, train + valid, n));
        for (Split s : Split.values()) {
            if (splits.get(s).isEmpty()) {
                int size = s == Split.TRAIN ? train : s == Split.VALID ? valid : test;
                String fix = s == Split.TRAIN ? "a smaller length" : "a smaller length or a larger " + s.label() + "Fraction";
                throw new UserException(path + ": the " + s.label() + " split has " + size + " " + tokenization.label()
                        + " tokens, too few for one example of length " + length + " (the file has " + n + " tokens: " + train
                        + " train, " + valid + " valid, " + test + " test); use a longer file, " + fix);
            }
        }
        return LoadedTask.languageModel(vocabulary, length, splits);
    }

    /** floor(n * fraction), computed in decimal so that 100 * 0.29 is 29, not 28. */
    private static int share(int n, double fraction) {
        return BigDecimal.valueOf(fraction).multiply(BigDecimal.valueOf(n)).setScale(0, RoundingMode.FLOOR).intValueExact();
    }

    private List<Example> chunks(int[] ids, int from, int to) {
        List<Example> out = new ArrayList<>();
        for (int start = from; start + length <= to; start += length) {
            out.add(Example.text(Arrays.copyOfRange(ids, start, start + length)));
        }
        return out;
    }
}
