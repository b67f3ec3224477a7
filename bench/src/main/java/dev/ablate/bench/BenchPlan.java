package dev.ablate.bench;

import dev.ablate.core.error.UserException;
import java.time.Duration;
import java.util.List;

/**
 * What {@code ablate bench attention} measures: every variant at every length, one attention layer of
 * width {@code dModel} with {@code heads} heads over {@code batch} sequences, on {@code device}, each
 * point {@code warmup} untimed and {@code repeats} timed passes, at most {@code timeout} long.
 * Checked when made; a bad value is the user's to fix, named by its option.
 *
 * @param fitMin fit the slopes only over n >= fitMin; {@code null} for every length
 */
public record BenchPlan(List<BenchVariant> variants, List<Integer> lengths, int dModel, int heads, int batch,
        String device, int warmup, int repeats, Duration timeout, Integer fitMin) {

    public BenchPlan {
        variants = List.copyOf(variants);
        lengths = List.copyOf(lengths);
        if (lengths.isEmpty() || lengths.stream().anyMatch(n -> n < 1)) {
            throw new UserException("--lengths: every length must be >= 1 (got " + lengths + ")");
        }
        if (lengths.stream().distinct().count() != lengths.size()) {
            throw new UserException("--lengths: a length is given twice (got " + lengths + ")");
        }
        if (dModel < 1 || heads < 1 || batch < 1) {
            throw new UserException("--d-model, --heads and --batch must be >= 1");
        }
        if (dModel % heads != 0) {
            throw new UserException("--heads must divide --d-model evenly (got " + heads + " heads for d-model "
                    + dModel + ")");
        }
        if (warmup < 0 || repeats < 1) {
            throw new UserException("--warmup must be >= 0 and --repeats >= 1");
        }
        if (timeout.isNegative() || timeout.toSeconds() < 1) {
            throw new UserException("--timeout must be >= 1 second");
        }
        if (fitMin != null && fitMin < 1) {
            throw new UserException("--fit-min must be >= 1");
        }
    }

    /** How many points: variants × lengths. */
    public int points() {
        return variants.size() * lengths.size();
    }
}
