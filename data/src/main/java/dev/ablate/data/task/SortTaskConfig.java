package dev.ablate.data.task;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.nio.file.Path;

/**
 * {@code sort}: sequence to sequence over random symbols; the target is the source sorted
 * ascending by symbol (numerically: 0, 1, ..., vocabSize-1). Sources are the symbols {@code "0"}
 * to {@code "vocabSize-1"} (tokenization {@code symbols}), with a length drawn uniformly from
 * [minLength, length] (the test split: [testMinLength, testLength], for length extrapolation) and
 * symbols drawn uniformly and independently. Generated from {@code seed} alone, the same whatever
 * the training seed; the validation and test sources differ from each other and from every
 * training source, so the sizes must fit the number of distinct sequences (a config where they
 * cannot is rejected).
 */
public record SortTaskConfig(
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

    public static final String TYPE = "sort";

    public SortTaskConfig {
        SymbolSequences.Spec s = SymbolSequences.Spec.of(
                length, minLength, vocabSize, testLength, testMinLength, trainSize, validSize, testSize, seed);
        length = s.length();
        minLength = s.minLength();
        vocabSize = s.vocabSize();
        testLength = s.testLength();
        testMinLength = s.testMinLength();
        trainSize = s.trainSize();
        validSize = s.validSize();
        testSize = s.testSize();
        seed = s.seed();
    }

    @Override
    public TaskKind kind() {
        return TaskKind.SEQUENCE_TO_SEQUENCE;
    }

    @Override
    public Task load(Path specDirectory) {
        return SymbolSequences.generate(SymbolSequences.Transform.SORT, new SymbolSequences.Spec(
                length, minLength, vocabSize, testLength, testMinLength, trainSize, validSize, testSize, seed));
    }
}
