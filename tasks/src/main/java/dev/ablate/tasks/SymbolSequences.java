package dev.ablate.tasks;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/** The generator behind {@code copy}, {@code reverse} and {@code sort} ({@link SymbolTaskConfig}). */
final class SymbolSequences {

    private SymbolSequences() {}

    /** The target of a source: the source itself ({@code copy}), reversed, or sorted ({@code sort}). */
    static int[] target(String type, int[] source) {
        int[] target = source.clone();
        switch (type) {
            case "reverse" -> {
                for (int i = 0, j = target.length - 1; i < j; i++, j--) {
                    int t = target[i];
                    target[i] = target[j];
                    target[j] = t;
                }
            }
            case "sort" -> Arrays.sort(target);
            default -> { }
        }
        return target;
    }

    /** {@code "0"} to {@code "n-1"}. */
    static List<String> symbols(int n) {
        List<String> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(Integer.toString(i));
        }
        return out;
    }

    static Task generate(SymbolTaskConfig spec) {
        Vocabulary vocabulary = Vocabulary.of(symbols(spec.vocabSize()), Tokenization.SYMBOLS);
        Sampler sampler = new Sampler(spec.type());
        SplittableRandom train = Sampler.stream(spec.seed(), Split.TRAIN);
        SplittableRandom valid = Sampler.stream(spec.seed(), Split.VALID);
        SplittableRandom test = Sampler.stream(spec.seed(), Split.TEST);
        String advice = "raise vocabSize or length, or lower the sizes";
        List<Example> trainExamples = sampler.train(spec.trainSize(),
                i -> example(spec.type(), train, spec.minLength(), spec.length(), spec.vocabSize()));
        List<Example> validExamples = sampler.heldOut(Split.VALID, spec.validSize(),
                i -> example(spec.type(), valid, spec.minLength(), spec.length(), spec.vocabSize()), advice);
        List<Example> testExamples = sampler.heldOut(Split.TEST, spec.testSize(),
                i -> example(spec.type(), test, spec.testMinLength(), spec.testLength(), spec.vocabSize()), advice);
        return LoadedTask.sequenceToSequence(vocabulary, vocabulary,
                LoadedTask.splits(trainExamples, validExamples, testExamples), List.of());
    }

    /** A length uniform in [minLength, maxLength], then symbols uniform and independent. */
    private static Example example(String type, SplittableRandom random, int minLength, int maxLength, int symbols) {
        int length = minLength + random.nextInt(maxLength - minLength + 1);
        int[] source = new int[length];
        for (int i = 0; i < length; i++) {
            source[i] = Vocabulary.SPECIALS.size() + random.nextInt(symbols);
        }
        return Example.sequenceToSequence(source, target(type, source));
    }
}
