package dev.ablate.data.task;

import dev.ablate.core.spi.ConfigCheck;
import dev.ablate.core.spi.InvalidConfigException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/** The generator behind {@code copy}, {@code reverse} and {@code sort}. */
final class SymbolSequences {

    static final int DEFAULT_VOCAB_SIZE = 16;

    private SymbolSequences() {}

    /** What the target is, given the source. */
    enum Transform {
        COPY, REVERSE, SORT;

        int[] apply(int[] source) {
            int[] target = source.clone();
            switch (this) {
                case COPY -> { }
                case REVERSE -> {
                    for (int i = 0, j = target.length - 1; i < j; i++, j--) {
                        int t = target[i];
                        target[i] = target[j];
                        target[j] = t;
                    }
                }
                case SORT -> Arrays.sort(target);
            }
            return target;
        }

        String type() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** The fields of a copy, reverse or sort config, defaults filled in and rules checked. */
    record Spec(int length, int minLength, int vocabSize, int testLength, int testMinLength,
            int trainSize, int validSize, int testSize, long seed) {

        static Spec of(Integer length, Integer minLength, Integer vocabSize, Integer testLength, Integer testMinLength,
                Integer trainSize, Integer validSize, Integer testSize, Long seed) {
            int len = ConfigCheck.atLeast("length",
                    TaskChecks.required("length", length, "the longest sequence, >= 1"), 1);
            int min = TaskChecks.atLeast("minLength", minLength, len, 1);
            if (min > len) {
                throw new InvalidConfigException("minLength", "must be <= length (" + len + ")", min);
            }
            int symbols = TaskChecks.atLeast("vocabSize", vocabSize, DEFAULT_VOCAB_SIZE, 2);
            int testLen = TaskChecks.atLeast("testLength", testLength, len, 1);
            int testMin = TaskChecks.atLeast("testMinLength", testMinLength, Math.min(min, testLen), 1);
            if (testMin > testLen) {
                throw new InvalidConfigException("testMinLength", "must be <= testLength (" + testLen + ")", testMin);
            }
            int train = TaskChecks.trainSize(trainSize);
            int valid = TaskChecks.validSize(validSize);
            int test = TaskChecks.testSize(testSize);
            boolean overlap = testMin <= len && min <= testLen;
            long need = (long) train + valid + (overlap ? test : 0);
            long space = TaskChecks.sequences(symbols, min, len);
            if (need > space) {
                throw new InvalidConfigException("trainSize", "trainSize + validSize" + (overlap ? " + testSize" : "")
                        + " = " + need + " distinct sequences are needed, but only " + space + " of "
                        + lengths(min, len) + " over " + symbols + " symbols exist; lower the sizes or raise vocabSize or length",
                        train);
            }
            long testNeed = overlap ? (long) train + valid + test : test;
            long testSpace = TaskChecks.sequences(symbols, testMin, testLen);
            if (testNeed > testSpace) {
                throw new InvalidConfigException("testSize", (overlap ? "trainSize + validSize + testSize = " : "")
                        + testNeed + " distinct sequences are needed, but only " + testSpace + " of "
                        + lengths(testMin, testLen) + " over " + symbols
                        + " symbols exist; lower the sizes or raise vocabSize or testLength", test);
            }
            return new Spec(len, min, symbols, testLen, testMin, train, valid, test, TaskChecks.seed(seed));
        }

        private static String lengths(int min, int max) {
            return min == max ? "length " + min : "lengths " + min + ".." + max;
        }
    }

    /** {@code "0"} to {@code "n-1"}. */
    static List<String> symbols(int n) {
        List<String> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(Integer.toString(i));
        }
        return out;
    }

    static Task generate(Transform transform, Spec spec) {
        Vocabulary vocabulary = Vocabulary.of(symbols(spec.vocabSize()), Tokenization.SYMBOLS);
        Sampler sampler = new Sampler(transform.type());
        SplittableRandom train = Sampler.stream(spec.seed(), Split.TRAIN);
        SplittableRandom valid = Sampler.stream(spec.seed(), Split.VALID);
        SplittableRandom test = Sampler.stream(spec.seed(), Split.TEST);
        String advice = "raise vocabSize or length, or lower the sizes";
        List<Example> trainExamples = sampler.train(spec.trainSize(),
                i -> example(transform, train, spec.minLength(), spec.length(), spec.vocabSize()));
        List<Example> validExamples = sampler.heldOut(Split.VALID, spec.validSize(),
                i -> example(transform, valid, spec.minLength(), spec.length(), spec.vocabSize()), advice);
        List<Example> testExamples = sampler.heldOut(Split.TEST, spec.testSize(),
                i -> example(transform, test, spec.testMinLength(), spec.testLength(), spec.vocabSize()), advice);
        return LoadedTask.sequenceToSequence(vocabulary, vocabulary,
                LoadedTask.splits(trainExamples, validExamples, testExamples), List.of());
    }

    /** A length uniform in [minLength, maxLength], then symbols uniform and independent. */
    private static Example example(Transform transform, SplittableRandom random, int minLength, int maxLength, int symbols) {
        int length = minLength + random.nextInt(maxLength - minLength + 1);
        int[] source = new int[length];
        for (int i = 0; i < length; i++) {
            source[i] = Vocabulary.SPECIALS.size() + random.nextInt(symbols);
        }
        return Example.sequenceToSequence(source, transform.apply(source));
    }
}
