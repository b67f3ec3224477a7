package dev.ablate.tasks;

import dev.ablate.core.spi.ConfigCheck;
import dev.ablate.core.spi.InvalidConfigException;
import java.util.Objects;

/** Defaults and rules shared by the task configs. */
final class TaskChecks {

    static final int DEFAULT_TRAIN_SIZE = 4000;
    static final int DEFAULT_VALID_SIZE = 200;
    static final int DEFAULT_TEST_SIZE = 200;
    static final long DEFAULT_SEED = 1234;

    private TaskChecks() {}

    /** {@code value}, which has no default. */
    static <T> T required(String parameter, T value, String what) {
        if (value == null) {
            throw new InvalidConfigException(parameter, "must be given: " + what, null);
        }
        return value;
    }

    /** {@code value} or its default, at least {@code min}. */
    static int atLeast(String parameter, Integer value, int defaultValue, int min) {
        return ConfigCheck.atLeast(parameter, Objects.requireNonNullElse(value, defaultValue), min);
    }

    static int trainSize(Integer value) {
        return atLeast("trainSize", value, DEFAULT_TRAIN_SIZE, 1);
    }

    static int validSize(Integer value) {
        return atLeast("validSize", value, DEFAULT_VALID_SIZE, 1);
    }

    static int testSize(Integer value) {
        return atLeast("testSize", value, DEFAULT_TEST_SIZE, 1);
    }

    static long seed(Long value) {
        return Objects.requireNonNullElse(value, DEFAULT_SEED);
    }

    /** A fraction of a text that must be neither nothing nor everything. */
    static double openFraction(String parameter, Double value, double defaultValue) {
        double v = Objects.requireNonNullElse(value, defaultValue);
        if (!(v > 0 && v < 1)) {
            throw new InvalidConfigException(parameter, "must be in (0, 1)", v);
        }
        return v;
    }

    /** A non-blank string, or null. */
    static String path(String parameter, String value) {
        if (value != null && value.isBlank()) {
            throw new InvalidConfigException(parameter, "must not be empty", "\"" + value + "\"");
        }
        return value;
    }

    /**
     * The tokenizations user text can have: {@code char} (the default) or {@code word}, and {@code bpe}
     * where {@code subwords} (tasks that learn the merges on their training split).
     */
    static Tokenization textTokenization(Tokenization value, boolean subwords) {
        Tokenization t = Objects.requireNonNullElse(value, Tokenization.CHAR);
        if (t == Tokenization.SYMBOLS || (t == Tokenization.BPE && !subwords)) {
            throw new InvalidConfigException("tokenization", subwords ? "must be char, word or bpe" : "must be char or word",
                    t.label());
        }
        return t;
    }

    /** How many sequences of lengths {@code minLength..maxLength} over {@code symbols} symbols exist, at most Long.MAX_VALUE. */
    static long sequences(int symbols, int minLength, int maxLength) {
        long total = 0;
        for (int l = minLength; l <= maxLength; l++) {
            total = saturatingAdd(total, power(symbols, l));
        }
        return total;
    }

    /** {@code base^exponent}, at most Long.MAX_VALUE. */
    static long power(int base, int exponent) {
        long p = 1;
        for (int i = 0; i < exponent; i++) {
            if (p > Long.MAX_VALUE / base) {
                return Long.MAX_VALUE;
            }
            p *= base;
        }
        return p;
    }

    static long saturatingAdd(long a, long b) {
        long s = a + b;
        return s < 0 ? Long.MAX_VALUE : s;
    }
}
