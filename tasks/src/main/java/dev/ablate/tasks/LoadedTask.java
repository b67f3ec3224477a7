package dev.ablate.tasks;

import dev.ablate.core.model.TaskShape;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** A task whose three splits are in memory; what every {@link TaskConfig#load} returns. */
record LoadedTask(
        TaskKind kind,
        TaskShape shape,
        Vocabulary sourceVocabulary,
        Vocabulary targetVocabulary,
        List<String> classes,
        Map<Split, List<Example>> splits,
        List<String> notes)
        implements Task {

    LoadedTask {
        classes = List.copyOf(classes);
        Map<Split, List<Example>> copy = new EnumMap<>(Split.class);
        for (Split s : Split.values()) {
            List<Example> examples = splits.get(s);
            if (examples == null) {
                throw new IllegalArgumentException("no " + s.label() + " split");
            }
            copy.put(s, List.copyOf(examples));
        }
        splits = Collections.unmodifiableMap(copy);
        notes = List.copyOf(notes);
    }

    @Override
    public List<Example> examples(Split split) {
        return splits.get(split);
    }

    /** Kind, shape and split sizes; not the examples. */
    @Override
    public String toString() {
        return "Task[" + kind.label() + ", " + shape + ", train " + splits.get(Split.TRAIN).size() + ", valid "
                + splits.get(Split.VALID).size() + ", test " + splits.get(Split.TEST).size() + "]";
    }

    /** Shape: longest source and target over all splits, each plus one for EOS (source) or BOS/EOS (target). */
    static LoadedTask sequenceToSequence(
            Vocabulary source, Vocabulary target, Map<Split, List<Example>> splits, List<String> notes) {
        TaskShape shape = TaskShape.sequenceToSequence(source.size(), target.size(),
                longest(splits, Example::source) + 1, longest(splits, Example::target) + 1, Vocabulary.PAD);
        return new LoadedTask(TaskKind.SEQUENCE_TO_SEQUENCE, shape, source, target, List.of(), splits, notes);
    }

    /** Shape: chunks of {@code length} tokens, plus one for BOS. */
    static LoadedTask languageModel(Vocabulary vocabulary, int length, Map<Split, List<Example>> splits) {
        TaskShape shape = TaskShape.languageModel(vocabulary.size(), length + 1, Vocabulary.PAD);
        return new LoadedTask(TaskKind.LANGUAGE_MODEL, shape, vocabulary, vocabulary, List.of(), splits, List.of());
    }

    /** Shape: the longest input over all splits (a classifier's input has no special tokens). */
    static LoadedTask classification(Vocabulary vocabulary, List<String> classes, Map<Split, List<Example>> splits) {
        TaskShape shape = TaskShape.classification(
                vocabulary.size(), longest(splits, Example::source), classes.size(), Vocabulary.PAD);
        return new LoadedTask(TaskKind.CLASSIFICATION, shape, vocabulary, vocabulary, classes, splits, List.of());
    }

    static <T> Map<Split, List<T>> splits(List<T> train, List<T> valid, List<T> test) {
        Map<Split, List<T>> m = new EnumMap<>(Split.class);
        m.put(Split.TRAIN, train);
        m.put(Split.VALID, valid);
        m.put(Split.TEST, test);
        return m;
    }

    private static int longest(Map<Split, List<Example>> splits, Function<Example, int[]> side) {
        int max = 0;
        for (List<Example> examples : splits.values()) {
            for (Example e : examples) {
                max = Math.max(max, side.apply(e).length);
            }
        }
        return max;
    }
}
