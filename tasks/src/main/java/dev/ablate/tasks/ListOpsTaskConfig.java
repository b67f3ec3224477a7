package dev.ablate.tasks;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.ablate.core.error.UserException;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.IntFunction;

/**
 * {@code listops}: classification of nested ListOps expressions (Nangia and Bowman 2018; the Long Range
 * Arena's ListOps task at a configurable size) by their value, 0 to 9 (classes {@code "0"} to
 * {@code "9"}). Tokens ({@code symbols} tokenization): {@code [MAX}, {@code [MIN}, {@code [MED},
 * {@code [SM}, {@code ]} and the digits, e.g. {@code [MAX 2 9 [MIN 4 7 ] 0 ]} = 9. {@code MED} is the
 * median, the lower middle value for an even count; {@code SM} the sum modulo 10. The root is an
 * operator with 2 to maxArgs arguments, each an expression with probability 0.25 (while fewer than
 * maxDepth operators enclose it) or a digit; an expression longer than maxLength tokens is drawn again.
 * Labels are not balanced (as in the LRA). Generated from {@code seed} alone; validation and test
 * expressions are distinct from each other and from every training expression.
 */
public record ListOpsTaskConfig(
        @JsonPropertyDescription("most operators on a path from the root to a digit (default 4, >= 1)")
        Integer maxDepth,
        @JsonPropertyDescription("most arguments of one operator (default 5, >= 2); each has 2 to maxArgs")
        Integer maxArgs,
        @JsonPropertyDescription("most tokens in an expression (default 128, >= 4); longer ones are drawn again")
        Integer maxLength,
        @JsonPropertyDescription("training examples (default 4000, >= 1), drawn with replacement")
        Integer trainSize,
        @JsonPropertyDescription("validation examples (default 200, >= 1), distinct from each other and from training")
        Integer validSize,
        @JsonPropertyDescription("test examples (default 200, >= 1), distinct from each other and from training and validation")
        Integer testSize,
        @JsonPropertyDescription("seed of the data generator (default 1234); the data does not depend on the training seed")
        Long seed)
        implements TaskConfig {

    public static final String TYPE = "listops";
    public static final int DEFAULT_MAX_DEPTH = 4;
    public static final int DEFAULT_MAX_ARGS = 5;
    public static final int DEFAULT_MAX_LENGTH = 128;
    /** Class names by label: the values. */
    public static final List<String> CLASSES = List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9");

    public ListOpsTaskConfig {
        maxDepth = TaskChecks.atLeast("maxDepth", maxDepth, DEFAULT_MAX_DEPTH, 1);
        maxArgs = TaskChecks.atLeast("maxArgs", maxArgs, DEFAULT_MAX_ARGS, 2);
        maxLength = TaskChecks.atLeast("maxLength", maxLength, DEFAULT_MAX_LENGTH, 4);
        trainSize = TaskChecks.trainSize(trainSize);
        validSize = TaskChecks.validSize(validSize);
        testSize = TaskChecks.testSize(testSize);
        seed = TaskChecks.seed(seed);
    }

    @Override
    public TaskKind kind() {
        return TaskKind.CLASSIFICATION;
    }

    @Override
    public Task load(Path specDirectory) {
        Vocabulary vocabulary = Vocabulary.of(ListOps.SYMBOLS, Tokenization.SYMBOLS);
        Sampler sampler = new Sampler(TYPE);
        String advice = "raise maxDepth, maxArgs or maxLength, or lower the sizes";
        List<Example> train = sampler.train(trainSize, drawing(vocabulary, Split.TRAIN));
        List<Example> valid = sampler.heldOut(Split.VALID, validSize, drawing(vocabulary, Split.VALID), advice);
        List<Example> test = sampler.heldOut(Split.TEST, testSize, drawing(vocabulary, Split.TEST), advice);
        return LoadedTask.classification(vocabulary, CLASSES, LoadedTask.splits(train, valid, test));
    }

    private IntFunction<Example> drawing(Vocabulary vocabulary, Split split) {
        SplittableRandom random = Sampler.stream(seed, split);
        return i -> {
            for (int attempt = 0; attempt < 1_000_000; attempt++) {
                List<String> tokens = ListOps.generate(random, maxDepth, maxArgs);
                if (tokens.size() <= maxLength) {
                    return Example.classified(vocabulary.encode(tokens), ListOps.evaluate(tokens));
                }
            }
            throw new UserException(TYPE + ": no expression of at most maxLength = " + maxLength
                    + " tokens in a million draws; raise maxLength or lower maxDepth or maxArgs");
        };
    }
}
