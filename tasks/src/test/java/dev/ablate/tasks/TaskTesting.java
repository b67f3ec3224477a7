package dev.ablate.tasks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ablate.core.config.ConfigJson;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Helpers shared by the task tests. */
final class TaskTesting {

    static final ConfigJson JSON = new ConfigJson(List.of());

    private TaskTesting() {}

    /** Reads a task config strictly; single quotes stand for double quotes. */
    static TaskConfig parse(String json) {
        return JSON.read("spec.json", json.replace('\'', '"'), TaskConfig.class);
    }

    static List<Integer> boxed(int[] ids) {
        return Arrays.stream(ids).boxed().toList();
    }

    static Set<List<Integer>> sources(List<Example> examples) {
        Set<List<Integer>> out = new HashSet<>();
        for (Example e : examples) {
            out.add(boxed(e.source()));
        }
        return out;
    }

    /** Held-out splits: no repeated source, none shared with another split. */
    static void assertHeldOutDistinct(Task task) {
        List<Example> valid = task.examples(Split.VALID);
        List<Example> test = task.examples(Split.TEST);
        Set<List<Integer>> train = sources(task.examples(Split.TRAIN));
        Set<List<Integer>> validSources = sources(valid);
        Set<List<Integer>> testSources = sources(test);
        assertThat(validSources).hasSize(valid.size());
        assertThat(testSources).hasSize(test.size());
        assertThat(validSources).doesNotContainAnyElementsOf(train).doesNotContainAnyElementsOf(testSources);
        assertThat(testSources).doesNotContainAnyElementsOf(train);
    }

    /** Every example of every split, in order. */
    static List<List<Example>> all(Task task) {
        List<List<Example>> out = new ArrayList<>();
        for (Split s : Split.values()) {
            out.add(task.examples(s));
        }
        return out;
    }
}
