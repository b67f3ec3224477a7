package dev.ablate.tasks;

import dev.ablate.core.model.TaskShape;
import java.util.List;

/**
 * A loaded task: its data split three ways, its vocabularies and the shape a model needs. Every
 * split is fixed once loaded (synthetic tasks are generated from the task's own seed, so two runs
 * of a sweep see the same data whatever their training seed).
 */
public interface Task {

    TaskKind kind();

    /** Vocabulary sizes (special tokens included), longest sequences with BOS/EOS, classes, padding index. */
    TaskShape shape();

    /** The source (or only) vocabulary. */
    Vocabulary sourceVocabulary();

    /** The target vocabulary; the source vocabulary when the task has one vocabulary. */
    Vocabulary targetVocabulary();

    /** Class names by label (classification), else empty. */
    List<String> classes();

    List<Example> examples(Split split);

    /**
     * What loading did to the data that a user should know, one sentence each (e.g. pairs dropped for
     * being longer than {@code maxLength}); empty when nothing was changed.
     */
    default List<String> notes() {
        return List.of();
    }
}
