package dev.ablate.reports.verdict;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.ablate.reports.store.StoredExperiment;
import dev.ablate.reports.verdict.Verdict.Outcome;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Claims judged from hand-written run stores. The intervals are checked against values computed
 * independently (scipy: mean ± t.ppf(0.975, n − 1) · s / √n over the paired differences).
 */
final class TestVerdicts {

    @TempDir
    Path dir;

    /**
     * A store of variants "a" and "b", seeds 1 to 3: accuracy per seed as given (null: that run has
     * a result {@code other} instead, e.g. diverged or failed), loss = 1 − accuracy.
     */
    private StoredExperiment store(String claims, Map<Integer, Double> a, Map<Integer, Double> b, String other)
            throws IOException {
        Files.writeString(dir.resolve("experiment.json"), """
                {"experiment": "claims", "hash": "0123", "baseline": "b", "seeds": [1, 2, 3], "taskKind": "classification",
                 "spec": {"name": "claims", "expect": [%s]},
                 "taskShape": {"sourceVocabulary": 4, "targetVocabulary": 4, "maxSourceLength": 8, "maxTargetLength": 0, "classes": 2, "padIndex": 0},
                 "metrics": [{"name": "loss", "higherIsBetter": false}, {"name": "accuracy", "higherIsBetter": true}],
                 "variants": [{"id": "a", "hash": "ha", "settings": {}, "config": {"evaluation": {"metric": "accuracy"}}},
                              {"id": "b", "hash": "hb", "settings": {}, "config": {"evaluation": {"metric": "accuracy"}}}]}
                """.formatted(claims));
        write("a", a, other);
        write("b", b, other);
        return StoredExperiment.read(dir);
    }

    private void write(String variant, Map<Integer, Double> values, String other) throws IOException {
        for (int seed = 1; seed <= 3; seed++) {
            Path run = Files.createDirectories(dir.resolve(variant).resolve("seed-" + seed));
            Double accuracy = values.get(seed);
            if (accuracy == null && other == null) {
                continue;
            }
            String result = accuracy != null
                    ? String.format(Locale.ROOT, "{\"variant\": \"%s\", \"seed\": %d, \"status\": \"completed\", "
                            + "\"metrics\": {\"loss\": %s, \"accuracy\": %s}}", variant, seed, 1 - accuracy, accuracy)
                    : String.format(Locale.ROOT, "{\"variant\": \"%s\", \"seed\": %d, %s}", variant, seed, other);
            Files.writeString(run.resolve("result.json"), result);
        }
    }

    private static String claim(String direction, String extra) {
        return "{\"variant\": \"a\", \"vs\": \"b\", \"metric\": \"accuracy\", \"direction\": \"" + direction + "\"" + extra + "}";
    }

    private static final Map<Integer, Double> B = Map.of(1, 0.50, 2, 0.60, 3, 0.70);
    /** a − b = 0.10, 0.12, 0.11: mean 0.11, s 0.01, interval [0.0851586228824967, 0.1348413771175033]. */
    private static final Map<Integer, Double> A_BETTER = Map.of(1, 0.60, 2, 0.72, 3, 0.81);
    /** a − b = 0.05, −0.03, 0.02: mean 0.013333, s 0.0404145, interval [−0.0870619, 0.1137286]. */
    private static final Map<Integer, Double> A_NOISY = Map.of(1, 0.55, 2, 0.57, 3, 0.72);

    @Test
    void aClaimOnTheRightSideIsConfirmedOnTheWrongSideRefuted() throws IOException {
        StoredExperiment e = store(claim("higher", "") + ", " + claim("lower", ""), A_BETTER, B, null);
        List<Verdict> verdicts = Verdicts.of(e);
        Verdict higher = verdicts.get(0);
        assertThat(higher.outcome()).isEqualTo(Outcome.CONFIRMED);
        assertThat(higher.difference().mean()).isCloseTo(0.11, within(1e-12));
        assertThat(higher.difference().low()).isCloseTo(0.0851586228824967, within(1e-9));
        assertThat(higher.difference().high()).isCloseTo(0.1348413771175033, within(1e-9));
        assertThat(higher.seeds()).containsExactly(1, 2, 3);
        assertThat(higher.reason()).isEqualTo("the 95% interval of a − b is [0.08516, 0.1348], above 0");
        assertThat(higher.seedsNeeded()).isNull();
        assertThat(verdicts.get(1).outcome()).isEqualTo(Outcome.REFUTED);
        assertThat(verdicts.get(1).reason()).endsWith(", above 0");
    }

    @Test
    void sameIsConfirmedInsideTheMarginAndRefutedWhollyOutside() throws IOException {
        StoredExperiment e = store(claim("same", ", \"margin\": 0.2") + ", " + claim("same", ", \"margin\": 0.05") + ", "
                + claim("same", ", \"margin\": 0.1"), A_BETTER, B, null);
        List<Verdict> verdicts = Verdicts.of(e);
        assertThat(verdicts).extracting(Verdict::outcome).containsExactly(Outcome.CONFIRMED, Outcome.REFUTED,
                Outcome.INCONCLUSIVE);
        assertThat(verdicts.get(0).reason()).endsWith("inside ±0.2000");
        assertThat(verdicts.get(1).reason()).endsWith("outside ±0.05000");
        assertThat(verdicts.get(2).reason()).endsWith("across ±0.1000");
    }

    @Test
    void anIntervalAcrossZeroIsInconclusiveWithTheSeedsThatWouldSettleIt() throws IOException {
        Verdict v = Verdicts.of(store(claim("higher", ""), A_NOISY, B, null)).get(0);
        assertThat(v.outcome()).isEqualTo(Outcome.INCONCLUSIVE);
        assertThat(v.difference().low()).isCloseTo(-0.08706189702748746, within(1e-9));
        assertThat(v.difference().high()).isCloseTo(0.11372856369415413, within(1e-9));
        // scipy: the smallest n with t.ppf(0.975, n − 1) · 0.0404145 / √n < 0.013333 is 38.
        assertThat(v.seedsNeeded()).isEqualTo(38);
        assertThat(v.reason()).endsWith("around 0");
    }

    @Test
    void aDivergedRunCountsAsTheWorstOnAHigherIsBetterMetricAndIsNeverDropped() throws IOException {
        String diverged = "\"status\": \"diverged\", \"divergedAtStep\": 40";
        StoredExperiment e = store(claim("lower", ""), Map.of(1, 0.45, 2, 0.52), B, diverged);
        Verdict v = Verdicts.of(e).get(0);
        // a − b = −0.05, −0.08, 0 − 0.70 = −0.70
        assertThat(v.seeds()).containsExactly(1, 2, 3);
        assertThat(v.difference().mean()).isCloseTo((-0.05 - 0.08 - 0.70) / 3, within(1e-12));
        assertThat(v.notes()).containsExactly("a seed 3 diverged: counted as accuracy 0, the worst");

        String lossClaim = "{\"variant\": \"a\", \"vs\": \"b\", \"metric\": \"loss\", \"direction\": \"higher\"}";
        Verdict onLoss = Verdicts.of(store(lossClaim, Map.of(1, 0.45, 2, 0.52), B, diverged)).get(0);
        assertThat(onLoss.outcome()).isEqualTo(Outcome.INCONCLUSIVE);
        assertThat(onLoss.notes()).containsExactly("a seed 3 diverged: loss has no worst value to count it as");
        assertThat(onLoss.seeds()).containsExactly(1, 2);
    }

    @Test
    void aFailedOrMissingRunLeavesTheClaimInconclusive() throws IOException {
        StoredExperiment failed = store(claim("higher", ""), Map.of(1, 0.60, 2, 0.72), B,
                "\"status\": \"failed\", \"error\": \"boom\"");
        Verdict v = Verdicts.of(failed).get(0);
        assertThat(v.outcome()).as("a − b is above 0 on seeds 1 and 2, but seed 3 failed").isEqualTo(Outcome.INCONCLUSIVE);
        assertThat(v.notes()).containsExactly("a seed 3 failed: boom");
        assertThat(v.reason()).startsWith("not every run has a value");

        Files.delete(dir.resolve("a/seed-3/result.json"));
        Verdict missing = Verdicts.of(StoredExperiment.read(dir)).get(0);
        assertThat(missing.outcome()).isEqualTo(Outcome.INCONCLUSIVE);
        assertThat(missing.notes()).containsExactly("a seed 3 unfinished");
    }

    @Test
    void oneSeedHasNoIntervalAndASpecWithoutClaimsHasNoVerdicts() throws IOException {
        assertThat(Verdicts.of(store(claim("higher", ""), A_BETTER, B, null)).get(0).outcome())
                .isEqualTo(Outcome.CONFIRMED);
        Files.writeString(dir.resolve("experiment.json"), Files.readString(dir.resolve("experiment.json"))
                .replace("\"seeds\": [1, 2, 3]", "\"seeds\": [1]"));
        Verdict single = Verdicts.of(StoredExperiment.read(dir)).get(0);
        assertThat(single.outcome()).isEqualTo(Outcome.INCONCLUSIVE);
        assertThat(single.reason()).isEqualTo("1 paired seed(s): an interval needs at least 2");

        Files.writeString(dir.resolve("experiment.json"), Files.readString(dir.resolve("experiment.json"))
                .replaceAll("\"expect\": \\[.*\\]", "\"description\": \"none\""));
        assertThat(Verdicts.of(StoredExperiment.read(dir))).isEmpty();
    }
}
