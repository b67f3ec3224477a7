package dev.ablate.tasks;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.annotation.JsonTypeId;
import dev.ablate.core.spi.ConfigCheck;
import dev.ablate.core.spi.InvalidConfigException;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code copy}, {@code reverse} and {@code sort}: sequence to sequence over random symbols; the
 * target is the source itself, the source reversed, or the source sorted ascending by symbol
 * (numerically: 0, 1, ..., vocabSize-1). Sources are the symbols {@code "0"} to {@code
 * "vocabSize-1"} (tokenization {@code symbols}), with a length drawn uniformly from [minLength,
 * length] (the test split: [testMinLength, testLength], for length extrapolation) and symbols drawn
 * uniformly and independently. Generated from {@code seed} alone, the same whatever the training
 * seed; the validation and test sources differ from each other and from every training source, so
 * the sizes must fit the number of distinct sequences (a config where they cannot is rejected).
 */
@JsonIgnoreProperties({})   // unlike the other tasks, it reads its "type": which of the three it is
public record SymbolTaskConfig(
        @JsonTypeId
        @JsonPropertyDescription("copy, reverse or sort: the target is the source, the source reversed, or the source sorted")
        String type,
        @JsonPropertyDescription("longest source sequence in the training and validation splits (required, >= 1)")
        Integer length,
        @JsonPropertyDescription("shortest source sequence in the training and validation splits (default: length, so every sequence has the same length); lengths are drawn uniformly from [minLength, length]")
        Integer minLength,
        @JsonPropertyDescription("number of distinct symbols, special tokens not counted (default 16, >= 2); the symbols are \"0\" to \"vocabSize-1\"")
        Integer vocabSize,
        @JsonPropertyDescription("longest source sequence in the test split (default: length); larger than length tests length extrapolation")
        Integer testLength,
        @JsonPropertyDescription("shortest source sequence in the test split (default: minLength, or testLength when that is smaller); above length, the test split holds only unseen lengths")
        Integer testMinLength,
        @JsonPropertyDescription("training examples (default 4000, >= 1), drawn with replacement")
        Integer trainSize,
        @JsonPropertyDescription("validation examples (default 200, >= 1), distinct from each other and from training")
        Integer validSize,
        @JsonPropertyDescription("test examples (default 200, >= 1), distinct from each other and from training and validation")
        Integer testSize,
        @JsonPropertyDescription("seed of the data generator (default 1234); the data does not depend on the training seed")
        Long seed)
        implements TaskConfig {

    /** The three tasks, by the target they ask for. */
    public static final List<String> TYPES = List.of("copy", "reverse", "sort");

    static final int DEFAULT_VOCAB_SIZE = 16;

    public SymbolTaskConfig {
        if (!TYPES.contains(type)) {
            throw new InvalidConfigException("type", "must be one of " + String.join(", ", TYPES), type);
        }
        length = ConfigCheck.atLeast("length", TaskChecks.required("length", length, "the longest sequence, >= 1"), 1);
        minLength = TaskChecks.atLeast("minLength", minLength, length, 1);
        if (minLength > length) {
            throw new InvalidConfigException("minLength", "must be <= length (" + length + ")", minLength);
        }
        vocabSize = TaskChecks.atLeast("vocabSize", vocabSize, DEFAULT_VOCAB_SIZE, 2);
        testLength = TaskChecks.atLeast("testLength", testLength, length, 1);
        testMinLength = TaskChecks.atLeast("testMinLength", testMinLength, Math.min(minLength, testLength), 1);
        if (testMinLength > testLength) {
            throw new InvalidConfigException("testMinLength", "must be <= testLength (" + testLength + ")", testMinLength);
        }
        trainSize = TaskChecks.trainSize(trainSize);
        validSize = TaskChecks.validSize(validSize);
        testSize = TaskChecks.testSize(testSize);
        seed = TaskChecks.seed(seed);
        checkSpace(length, minLength, vocabSize, testLength, testMinLength, trainSize, validSize, testSize);
    }

    /** The sizes must fit the distinct sequences that exist: held-out sequences never repeat one another or training's. */
    private static void checkSpace(int length, int minLength, int symbols, int testLength, int testMinLength,
            int train, int valid, int test) {
        boolean overlap = testMinLength <= length && minLength <= testLength;
        long need = (long) train + valid + (overlap ? test : 0);
        long space = TaskChecks.sequences(symbols, minLength, length);
        if (need > space) {
            throw new InvalidConfigException("trainSize", "trainSize + validSize" + (overlap ? " + testSize" : "")
                    + " = " + need + " distinct sequences are needed, but only " + space + " of "
                    + lengths(minLength, length) + " over " + symbols
                    + " symbols exist; lower the sizes or raise vocabSize or length", train);
        }
        long testNeed = overlap ? (long) train + valid + test : test;
        long testSpace = TaskChecks.sequences(symbols, testMinLength, testLength);
        if (testNeed > testSpace) {
            throw new InvalidConfigException("testSize", (overlap ? "trainSize + validSize + testSize = " : "")
                    + testNeed + " distinct sequences are needed, but only " + testSpace + " of "
                    + lengths(testMinLength, testLength) + " over " + symbols
                    + " symbols exist; lower the sizes or raise vocabSize or testLength", test);
        }
    }

    private static String lengths(int min, int max) {
        return min == max ? "length " + min : "lengths " + min + ".." + max;
    }

    @Override
    public TaskKind kind() {
        return TaskKind.SEQUENCE_TO_SEQUENCE;
    }

    @Override
    public Task load(Path specDirectory) {
        return SymbolSequences.generate(this);
    }
}
