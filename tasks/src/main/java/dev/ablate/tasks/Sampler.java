package dev.ablate.tasks;

import dev.ablate.core.error.UserException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.IntFunction;

/**
 * Draws a synthetic task's splits: training examples with replacement, then validation and test
 * examples distinct from each other, from every training example and from every other held-out example
 * (by source sequence). Held-out candidates that are taken are drawn again, so in a small space the
 * held-out splits lean towards the sequences training did not cover (e.g. fewer of the shortest ones).
 */
final class Sampler {

    private final String task;
    private final Set<Key> seen = new HashSet<>();

    Sampler(String task) {
        this.task = task;
    }

    /**
     * The random stream of one split, derived from the task's seed alone: a split's examples do not
     * depend on the sizes of the splits generated before it (except for the redraws that keep held-out
     * examples distinct).
     */
    static SplittableRandom stream(long seed, Split split) {
        SplittableRandom root = new SplittableRandom(seed);
        SplittableRandom stream = root.split();
        for (int i = 0; i < split.ordinal(); i++) {
            stream = root.split();
        }
        return stream;
    }

    /** {@code count} examples, {@code next.apply(i)} for the i-th; repeats allowed. */
    List<Example> train(int count, IntFunction<Example> next) {
        List<Example> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            Example e = next.apply(i);
            seen.add(new Key(e.source()));
            out.add(e);
        }
        return out;
    }

    /**
     * {@code count} examples, each distinct from everything drawn so far; {@code next.apply(i)} draws a
     * candidate for the i-th. {@code advice} ends the error if the space runs out.
     */
    List<Example> heldOut(Split split, int count, IntFunction<Example> next, String advice) {
        long budget = 1000L * count + 100_000L;
        List<Example> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            while (true) {
                if (--budget < 0) {
                    throw new UserException(task + ": could not draw " + count + " " + split.label()
                            + " examples distinct from each other and from the other splits (found " + out.size()
                            + "); the space of examples is too small: " + advice);
                }
                Example e = next.apply(i);
                if (seen.add(new Key(e.source()))) {
                    out.add(e);
                    break;
                }
            }
        }
        return out;
    }

    /** Fisher-Yates. */
    static void shuffle(int[] a, SplittableRandom random) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }

    private record Key(int[] ids) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Arrays.equals(ids, k.ids);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(ids);
        }

        @Override
        public String toString() {
            return Arrays.toString(ids);
        }
    }
}
