package dev.ablate.tasks;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.ablate.core.spi.ConfigCheck;
import dev.ablate.core.spi.InvalidConfigException;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.IntFunction;

/**
 * {@code first-last}: classification of sequences of exactly {@code length} symbols ({@code "0"} to
 * {@code "vocabSize-1"}) by whether their first and last symbols are equal (class 1, {@code "equal"})
 * or not (class 0, {@code "different"}). Only those two positions carry the signal: the first symbol is
 * uniform, the middle ones uniform and independent, the last equal to the first or uniform among the
 * others. Each split holds exactly {@code size / 2} (rounded down) equal examples, the rest different,
 * in random order. Generated from {@code seed} alone; validation and test sequences are distinct from
 * each other and from every training sequence.
 *
 * <p>The long-range probe. In an encoder whose self-attention is {@code restricted} with window r, a
 * position sees the positions within r of it, so after L layers it depends on those within r·L. With
 * {@code pooling: first}, the classifier reads the first position, which sees the last one iff
 * r·L &gt;= length - 1: below that, the model cannot do better than chance (accuracy about 50%); from
 * there on it can (given enough training). With {@code pooling: mean} (the default) and the linear head,
 * the pooled logit is a sum over positions, and it can express equality only if some position sees both
 * ends, i.e. 2·r·L &gt;= length - 1 (a sum of a term of the first symbol and a term of the last one cannot
 * be larger for every equal pair than for every unequal one); so use {@code pooling: first} to probe the
 * r·L bound itself. Full attention sees everything after one layer.
 */
public record FirstLastTaskConfig(
        @JsonPropertyDescription("length of every sequence (required, >= 2); the signal is at positions 0 and length-1")
        Integer length,
        @JsonPropertyDescription("number of distinct symbols, special tokens not counted (default 8, >= 2)")
        Integer vocabSize,
        @JsonPropertyDescription("training examples (default 4000, >= 1), drawn with replacement")
        Integer trainSize,
        @JsonPropertyDescription("validation examples (default 200, >= 1), distinct from each other and from training")
        Integer validSize,
        @JsonPropertyDescription("test examples (default 200, >= 1), distinct from each other and from training and validation")
        Integer testSize,
        @JsonPropertyDescription("seed of the data generator (default 1234); the data does not depend on the training seed")
        Long seed)
        implements TaskConfig {

    public static final String TYPE = "first-last";
    public static final int DEFAULT_VOCAB_SIZE = 8;
    /** Class names by label. */
    public static final List<String> CLASSES = List.of("different", "equal");

    public FirstLastTaskConfig {
        length = ConfigCheck.atLeast("length", TaskChecks.required("length", length, "the sequence length, >= 2"), 2);
        vocabSize = TaskChecks.atLeast("vocabSize", vocabSize, DEFAULT_VOCAB_SIZE, 2);
        trainSize = TaskChecks.trainSize(trainSize);
        validSize = TaskChecks.validSize(validSize);
        testSize = TaskChecks.testSize(testSize);
        seed = TaskChecks.seed(seed);
        long equal = (long) trainSize / 2 + validSize / 2 + testSize / 2;
        long different = (long) trainSize + validSize + testSize - equal;
        long equalSpace = TaskChecks.power(vocabSize, length - 1);
        long differentSpace = equalSpace > Long.MAX_VALUE / (vocabSize - 1) ? Long.MAX_VALUE : equalSpace * (vocabSize - 1);
        if (equal > equalSpace || different > differentSpace) {
            throw new InvalidConfigException("trainSize", "the splits need " + equal + " distinct sequences whose first and last "
                    + "symbols are equal and " + different + " whose are not, but only " + equalSpace + " and " + differentSpace
                    + " of length " + length + " over " + vocabSize + " symbols exist; raise length or vocabSize, or lower the sizes",
                    trainSize);
        }
    }

    @Override
    public TaskKind kind() {
        return TaskKind.CLASSIFICATION;
    }

    @Override
    public Task load(Path specDirectory) {
        Vocabulary vocabulary = Vocabulary.of(SymbolSequences.symbols(vocabSize), Tokenization.SYMBOLS);
        Sampler sampler = new Sampler(TYPE);
        String advice = "raise length or vocabSize, or lower the sizes";
        List<Example> train = sampler.train(trainSize, labelled(Split.TRAIN, trainSize));
        List<Example> valid = sampler.heldOut(Split.VALID, validSize, labelled(Split.VALID, validSize), advice);
        List<Example> test = sampler.heldOut(Split.TEST, testSize, labelled(Split.TEST, testSize), advice);
        return LoadedTask.classification(vocabulary, CLASSES, LoadedTask.splits(train, valid, test));
    }

    /** Draws the i-th example of a split whose labels are balanced and shuffled. */
    private IntFunction<Example> labelled(Split split, int size) {
        SplittableRandom random = Sampler.stream(seed, split);
        int[] labels = new int[size];
        for (int i = 0; i < size / 2; i++) {
            labels[i] = 1;
        }
        Sampler.shuffle(labels, random);
        return i -> example(random, labels[i]);
    }

    private Example example(SplittableRandom random, int label) {
        int[] source = new int[length];
        for (int i = 0; i < length; i++) {
            source[i] = Vocabulary.SPECIALS.size() + random.nextInt(vocabSize);
        }
        int first = source[0] - Vocabulary.SPECIALS.size();
        int last = label == 1 ? first : (first + 1 + random.nextInt(vocabSize - 1)) % vocabSize;
        source[length - 1] = Vocabulary.SPECIALS.size() + last;
        return Example.classified(source, label);
    }
}
