package dev.ablate.reports.verdict;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.ablate.core.error.UserException;
import dev.ablate.reports.stats.Estimate;
import dev.ablate.reports.store.StoredExperiment;
import dev.ablate.reports.store.StoredRun;
import dev.ablate.reports.verdict.Verdict.Outcome;
import dev.ablate.store.Expectation;
import dev.ablate.store.Expectation.Direction;
import dev.ablate.store.MetricDescriptor;
import dev.ablate.store.RunStatus;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Judges the spec's claims ({@code expect} in experiment.json) from the run store: for each claim,
 * the paired per-seed differences {@code variant − vs} and their 95% Student-t interval.
 *
 * <ul>
 *   <li>higher: CONFIRMED when the interval lies above 0, REFUTED when below, else INCONCLUSIVE;
 *       lower the other way round;
 *   <li>same (margin m): CONFIRMED when the interval lies inside [−m, m], REFUTED when it lies wholly
 *       outside, else INCONCLUSIVE;
 *   <li>a diverged run counts as what it is, a model that learned nothing: the worst value, 0, of a
 *       higher-is-better metric (accuracy, BLEU: all of them are at least 0). A lower-is-better metric
 *       (loss, perplexity) has no worst value, so there it makes the claim INCONCLUSIVE;
 *   <li>a failed, unfinished or never-run run makes the claim INCONCLUSIVE (running the spec again
 *       finishes it), as do fewer than two paired seeds (no interval).
 * </ul>
 * Every such run is named in the verdict's notes; none is dropped silently.
 */
public final class Verdicts {

    private static final ObjectMapper JSON = JsonMapper.builder().build();
    private static final int MOST_SEEDS = 1000;

    private Verdicts() {}

    /** The spec's claims as experiment.json keeps them; empty for a spec without any (or an older store). */
    public static List<Expectation> claims(StoredExperiment experiment) {
        JsonNode expect = experiment.record().spec() == null ? null : experiment.record().spec().get("expect");
        if (expect == null || expect.isNull()) {
            return List.of();
        }
        try {
            return List.of(JSON.treeToValue(expect, Expectation[].class));
        } catch (IOException e) {
            throw new UserException(experiment.root().resolve("experiment.json") + ": unreadable expect ("
                    + e.getMessage() + ")");
        }
    }

    public static List<Verdict> of(StoredExperiment experiment) {
        return claims(experiment).stream().map(c -> judge(experiment, c)).toList();
    }

    static Verdict judge(StoredExperiment experiment, Expectation claim) {
        MetricDescriptor metric = experiment.descriptor(claim.metric());
        List<String> notes = new ArrayList<>();
        List<Integer> seeds = new ArrayList<>();
        List<Double> differences = new ArrayList<>();
        boolean incomplete = false;
        for (int seed : experiment.seeds()) {
            Value a = value(experiment, claim.variant(), seed, metric, notes);
            Value b = value(experiment, claim.vs(), seed, metric, notes);
            incomplete |= a.missing() || b.missing();
            if (a.value() != null && b.value() != null) {
                seeds.add(seed);
                differences.add(a.value() - b.value());
            }
        }
        Estimate d = differences.isEmpty() ? null : Estimate.of(differences);
        if (incomplete) {
            return new Verdict(claim, Outcome.INCONCLUSIVE, d, seeds, null,
                    "not every run has a value (see notes); running the spec again finishes them", notes);
        }
        if (d == null || !d.hasInterval()) {
            return new Verdict(claim, Outcome.INCONCLUSIVE, d, seeds, null, seeds.size()
                    + " paired seed(s): an interval needs at least 2", notes);
        }
        Outcome outcome = outcome(claim, d);
        String reason = reason(claim, outcome, d);
        Integer needed = outcome == Outcome.INCONCLUSIVE ? seedsNeeded(claim, d) : null;
        return new Verdict(claim, outcome, d, seeds, needed, reason, notes);
    }

    /** A run's value on the metric, or null with a note; {@code missing} when it has not (yet) got one it could have. */
    record Value(Double value, boolean missing) {}

    /**
     * What run {@code (variant, seed)} counts as on {@code metric}: its value when it completed, 0 when
     * it diverged on a higher-is-better metric, else null; each such case noted.
     */
    static Value value(StoredExperiment experiment, String variant, int seed, MetricDescriptor metric,
            List<String> notes) {
        StoredRun run = experiment.runsOf(variant).stream().filter(r -> r.seed() == seed).findFirst().orElse(null);
        String label = variant + " seed " + seed;
        if (run == null || run.result() == null) {
            notes.add(label + " " + (run == null ? "not run" : run.status()));
            return new Value(null, true);
        }
        RunStatus status = run.result().status();
        if (status == RunStatus.DIVERGED) {
            if (metric.higherIsBetter()) {
                notes.add(label + " diverged: counted as " + metric.name() + " 0, the worst");
                return new Value(0.0, false);
            }
            notes.add(label + " diverged: " + metric.name() + " has no worst value to count it as");
            return new Value(null, true);
        }
        if (status == RunStatus.FAILED) {
            notes.add(label + " failed: " + run.result().error());
            return new Value(null, true);
        }
        Double v = run.result().metrics() == null ? null : run.result().metrics().get(metric.name());
        if (v == null || !Double.isFinite(v)) {
            notes.add(label + " has no finite " + metric.name());
            return new Value(null, true);
        }
        return new Value(v, false);
    }

    static Outcome outcome(Expectation claim, Estimate d) {
        double low = d.low();
        double high = d.high();
        return switch (claim.direction()) {
            case HIGHER -> low > 0 ? Outcome.CONFIRMED : high < 0 ? Outcome.REFUTED : Outcome.INCONCLUSIVE;
            case LOWER -> high < 0 ? Outcome.CONFIRMED : low > 0 ? Outcome.REFUTED : Outcome.INCONCLUSIVE;
            case SAME -> {
                double m = claim.margin();
                if (low >= -m && high <= m) {
                    yield Outcome.CONFIRMED;
                }
                yield low > m || high < -m ? Outcome.REFUTED : Outcome.INCONCLUSIVE;
            }
        };
    }

    private static String reason(Expectation claim, Outcome outcome, Estimate d) {
        String interval = String.format(Locale.ROOT, "the 95%% interval of %s − %s is [%s, %s]", claim.variant(),
                claim.vs(), number(d.low()), number(d.high()));
        String side = switch (claim.direction()) {
            case HIGHER, LOWER -> switch (outcome) {
                case CONFIRMED, REFUTED -> d.low() > 0 ? "above 0" : "below 0";
                case INCONCLUSIVE -> "around 0";
            };
            case SAME -> switch (outcome) {
                case CONFIRMED -> "inside ±" + number(claim.margin());
                case REFUTED -> "outside ±" + number(claim.margin());
                case INCONCLUSIVE -> "across ±" + number(claim.margin());
            };
        };
        return interval + ", " + side;
    }

    /**
     * The fewest seeds (more than now, at most {@value #MOST_SEEDS}) at which the observed mean and
     * standard deviation of the differences would give an interval on one side; null when the spread
     * is 0, the mean sits exactly on the line, or it would take more.
     */
    static Integer seedsNeeded(Expectation claim, Estimate d) {
        double mean = Math.abs(d.mean());
        double room;
        if (claim.direction() == Direction.SAME) {
            room = Math.abs(mean - claim.margin());
        } else {
            room = mean;
        }
        if (!(d.std() > 0) || !(room > 0)) {
            return null;
        }
        for (int n = d.n() + 1; n <= MOST_SEEDS; n++) {
            if (Estimate.tQuantile(n - 1) * d.std() / Math.sqrt(n) < room) {
                return n;
            }
        }
        return null;
    }

    /** Short, for sentences and tables: four significant digits. */
    static String number(double x) {
        return String.format(Locale.ROOT, "%.4g", x);
    }
}
