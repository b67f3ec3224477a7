package dev.ablate.experiments.decoding;

import static dev.ablate.experiments.decoding.TableStep.A;
import static dev.ablate.experiments.decoding.TableStep.B;
import static dev.ablate.experiments.decoding.TableStep.BOS;
import static dev.ablate.experiments.decoding.TableStep.EOS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDManager;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Greedy and beam search against hand-made next-token tables (vocabulary: BOS 0, EOS 1, A 2, B 3). */
final class TestSearchOnTables {

    private static NDManager manager;

    @BeforeAll
    static void open() {
        manager = NDManager.newBaseManager();
    }

    @AfterAll
    static void close() {
        manager.close();
    }

    /** A table of the four-token vocabulary, looked up by the prefix; {@code fallback} for every other prefix. */
    private static TableStep table(Map<List<Integer>, double[]> rows, double[] fallback) {
        return new TableStep(4, (origin, prefix) -> {
            double[] p = rows.getOrDefault(Arrays.stream(prefix).boxed().toList(), fallback);
            assertThat(Arrays.stream(p).sum()).isCloseTo(1.0, within(1e-12));
            return p;
        });
    }

    private static double[] p(double bos, double eos, double a, double b) {
        return new double[] {bos, eos, a, b};
    }

    /**
     * The classic case: A is the better first token, but both of its continuations are unlikely,
     * while B is almost surely followed by EOS. P(A A EOS) = .5·.36·.9 = .162, P(B EOS) = .46·.9 = .414.
     */
    private static TableStep greedyTrap() {
        return table(Map.of(
                        List.of(BOS), p(.02, .02, .50, .46),
                        List.of(BOS, A), p(.02, .28, .36, .34),
                        List.of(BOS, B), p(.01, .90, .05, .04)),
                p(.02, .90, .04, .04));
    }

    @Test
    void greedyFallsIntoTheTrapBeamDoesNot() {
        TableStep step = greedyTrap();
        assertThat(new Greedy().decode(step, 1, BOS, EOS, new int[] {5}, manager).get(0)).containsExactly(A, A);
        assertThat(step.origins).hasSize(3);

        for (double alpha : new double[] {0, 0.6}) {
            TableStep beamStep = greedyTrap();
            BeamSearch.Hypothesis chosen = new BeamSearch(2, alpha).search(beamStep, 1, BOS, EOS, new int[] {5}, manager).get(0);
            assertThat(chosen.tokens()).as("alpha %s", alpha).containsExactly(B);
            assertThat(chosen.ended()).isTrue();
            assertThat(chosen.length()).isEqualTo(2);
            // log(.46) + log(.9), divided by lp(2) = (7/6)^α.
            assertThat(chosen.logProbability()).isCloseTo(Math.log(.414), within(1e-6));
            assertThat(chosen.score()).isCloseTo(Math.log(.414) / Math.pow(7.0 / 6.0, alpha), within(1e-6));
            // After step 2 the best live beam (A A, P = .18) cannot beat B EOS: stopped early.
            assertThat(beamStep.origins).as("steps run").hasSize(2);

            BeamSearch.Hypothesis best = beamStep.bruteForce(0, 5, alpha);
            assertThat(chosen.tokens()).isEqualTo(best.tokens());
            assertThat(chosen.score()).isCloseTo(best.score(), within(1e-6));
        }
    }

    /**
     * S = [A] EOS: P = .5·.8 = .40, |Y| = 2. L = [B B B] EOS: P = .48·.98·.95·.78 = .3485664, |Y| = 4.
     * α = 0: log .40 = -0.9163 > log .3486 = -1.0539, S wins. α = 1: S -0.9163 / (7/6) = -0.7854,
     * L -1.0539 / (9/6) = -0.7026, L wins. α = 0.6: S -0.9163 / 1.0969 = -0.8354, L -1.0539 / 1.2754 = -0.8264.
     */
    private static TableStep shortOrLong() {
        return table(Map.of(
                        List.of(BOS), p(.01, .01, .50, .48),
                        List.of(BOS, A), p(.01, .80, .10, .09),
                        List.of(BOS, B), p(.004, .01, .006, .98),
                        List.of(BOS, B, B), p(.01, .015, .025, .95),
                        List.of(BOS, B, B, B), p(.01, .78, .01, .20)),
                p(.01, .01, .50, .48));
    }

    @Test
    void lengthPenaltyDecidesBetweenAShortAndALongHypothesis() {
        double logShort = Math.log(.40);
        double logLong = Math.log(.48 * .98 * .95 * .78);
        assertThat(logShort).isCloseTo(-0.9163, within(1e-4));
        assertThat(logLong).isCloseTo(-1.0539, within(1e-4));
        assertThat(BeamSearch.lengthPenalty(2, 0.6)).isCloseTo(1.0969, within(1e-4));
        assertThat(BeamSearch.lengthPenalty(4, 0.6)).isCloseTo(1.2754, within(1e-4));
        assertThat(BeamSearch.lengthPenalty(4, 1.0)).isEqualTo(1.5);
        assertThat(BeamSearch.lengthPenalty(7, 0.0)).isEqualTo(1.0);

        Object[][] cases = {{0.0, new int[] {A}, logShort, 2}, {0.6, new int[] {B, B, B}, logLong, 4},
            {1.0, new int[] {B, B, B}, logLong, 4}};
        for (Object[] c : cases) {
            double alpha = (double) c[0];
            TableStep step = shortOrLong();
            BeamSearch.Hypothesis chosen = new BeamSearch(2, alpha).search(step, 1, BOS, EOS, new int[] {6}, manager).get(0);
            assertThat(chosen.tokens()).as("alpha %s", alpha).isEqualTo((int[]) c[1]);
            assertThat(chosen.logProbability()).isCloseTo((double) c[2], within(1e-6));
            assertThat(chosen.length()).isEqualTo((int) c[3]);
            assertThat(chosen.tokens()).isEqualTo(step.bruteForce(0, 6, alpha).tokens());
        }
        assertThat(BeamSearch.score(logShort, 2, 1.0)).isCloseTo(-0.7854, within(1e-4));
        assertThat(BeamSearch.score(logLong, 4, 1.0)).isCloseTo(-0.7026, within(1e-4));
        assertThat(BeamSearch.score(logShort, 2, 0.6)).isCloseTo(-0.8354, within(1e-4));
        assertThat(BeamSearch.score(logLong, 4, 0.6)).isCloseTo(-0.8264, within(1e-4));
    }

    @Test
    void beamOfSizeOneIsGreedy() {
        int[] maxLengths = {1, 3, 6, 8, 0, 5, 7};
        for (long seed = 1; seed <= 8; seed++) {
            List<int[]> greedy = new Greedy().decode(TableStep.random(seed, 7, 0.5), 7, BOS, EOS, maxLengths, manager);
            for (double alpha : new double[] {0, 0.6, 2}) {
                List<int[]> beam = new BeamSearch(1, alpha).decode(TableStep.random(seed, 7, 0.5), 7, BOS, EOS, maxLengths, manager);
                for (int r = 0; r < maxLengths.length; r++) {
                    assertThat(beam.get(r)).as("seed %d alpha %s row %d", seed, alpha, r).isEqualTo(greedy.get(r));
                }
            }
        }
    }

    /** With a beam wider than the whole tree nothing is pruned: beam search is exhaustive, early stopping included. */
    @Test
    void anUnprunedBeamFindsTheBruteForceOptimum() {
        int[] maxLengths = {4, 3, 1, 2};
        for (long seed = 1; seed <= 6; seed++) {
            for (double alpha : new double[] {0, 0.6, 1.5}) {
                TableStep step = TableStep.random(seed, 4, 1.0);
                List<BeamSearch.Hypothesis> chosen = new BeamSearch(200, alpha).search(step, 4, BOS, EOS, maxLengths, manager);
                for (int r = 0; r < maxLengths.length; r++) {
                    BeamSearch.Hypothesis best = step.bruteForce(r, maxLengths[r], alpha);
                    BeamSearch.Hypothesis got = chosen.get(r);
                    assertThat(got.tokens()).as("seed %d alpha %s row %d", seed, alpha, r).isEqualTo(best.tokens());
                    assertThat(got.ended()).isEqualTo(best.ended());
                    assertThat(got.score()).isCloseTo(best.score(), within(1e-5));
                    assertThat(got.logProbability()).isCloseTo(step.logProbability(r, got.tokens(), got.ended()), within(1e-5));
                }
            }
        }
    }

    /** The paper's beam never scores below greedy here, and never above the optimum. */
    @Test
    void paperBeamScoresBetweenGreedyAndTheOptimum() {
        int[] maxLengths = {5, 5, 4, 3, 5, 2};
        for (long seed = 1; seed <= 6; seed++) {
            TableStep step = TableStep.random(seed, 5, 0.0);
            List<int[]> greedy = new Greedy().decode(step, 6, BOS, EOS, maxLengths, manager);
            List<BeamSearch.Hypothesis> beam = new BeamSearch(4, 0.6).search(step, 6, BOS, EOS, maxLengths, manager);
            for (int r = 0; r < maxLengths.length; r++) {
                boolean greedyEnded = greedy.get(r).length < maxLengths[r];
                double greedyScore = BeamSearch.score(step.logProbability(r, greedy.get(r), greedyEnded),
                        greedy.get(r).length + (greedyEnded ? 1 : 0), 0.6);
                assertThat(beam.get(r).score()).as("seed %d row %d", seed, r).isGreaterThanOrEqualTo(greedyScore - 1e-6);
                assertThat(beam.get(r).score()).isLessThanOrEqualTo(step.bruteForce(r, maxLengths[r], 0.6).score() + 1e-6);
            }
        }
    }

    @Test
    void eosFirstGivesAnEmptyOutput() {
        TableStep step = table(Map.of(), p(.05, .80, .10, .05));
        assertThat(new Greedy().decode(step, 2, BOS, EOS, new int[] {3, 4}, manager))
                .allSatisfy(output -> assertThat(output).isEmpty());
        BeamSearch.Hypothesis h = new BeamSearch(3, 0.6).search(step, 1, BOS, EOS, new int[] {3}, manager).get(0);
        assertThat(h.tokens()).isEmpty();
        assertThat(h.ended()).isTrue();
        assertThat(h.length()).isEqualTo(1);
        assertThat(h.score()).isCloseTo(Math.log(.8) / Math.pow(1, 0.6), within(1e-6));
    }

    @Test
    void outputsStopAtEachRowsMaxLength() {
        int[] maxLengths = {0, 1, 3, 5};
        // EOS is never likely: every row runs to its max length.
        for (Decoding decoding : List.of(new Greedy(), new BeamSearch(1, 0.6), new BeamSearch(3, 0.6), new BeamSearch(3, 0))) {
            TableStep step = table(Map.of(), p(.1, .01, .50, .39));
            List<int[]> outputs = decoding.decode(step, 4, BOS, EOS, maxLengths, manager);
            for (int r = 0; r < 4; r++) {
                int[] expected = new int[maxLengths[r]];
                Arrays.fill(expected, A);
                assertThat(outputs.get(r)).as("%s row %d", decoding, r).isEqualTo(expected);
            }
            // Row 0 is never decoded; a row leaves the batch once done.
            assertThat(step.origins).hasSize(5);
            assertThat(step.origins.stream().flatMapToLong(Arrays::stream)).doesNotContain(0L);
            assertThat(step.origins.get(step.origins.size() - 1)).containsOnly(3L);
        }
    }

    @Test
    void theBeamFinalizesLiveHypothesesAtTheMaxLength() {
        TableStep step = shortOrLong();
        // Max length 2: [B B B] EOS is out of reach; [A] EOS (log .40) beats the cut-off [B B] (log .4704)
        // for α = 0.6 only if .40's score is higher: -0.8354 vs log(.4704) / lp(2) = -0.6877, so [B B] wins.
        BeamSearch.Hypothesis h = new BeamSearch(2, 0.6).search(step, 1, BOS, EOS, new int[] {2}, manager).get(0);
        assertThat(h.tokens()).containsExactly(B, B);
        assertThat(h.ended()).isFalse();
        assertThat(h.length()).isEqualTo(2);
        assertThat(h.logProbability()).isCloseTo(Math.log(.48 * .98), within(1e-6));
        assertThat(h.tokens()).isEqualTo(step.bruteForce(0, 2, 0.6).tokens());
    }

    @Test
    void rowsOfABatchAreDecodedIndependently() {
        int[] maxLengths = {6, 2, 7, 4, 7};
        for (long seed = 11; seed <= 13; seed++) {
            TableStep step = TableStep.random(seed, 6, 0.3);
            for (Decoding decoding : List.of(new Greedy(), new BeamSearch(3, 0.6), new BeamSearch(4, 0))) {
                List<int[]> together = decoding.decode(step, maxLengths.length, BOS, EOS, maxLengths, manager);
                for (int r = 0; r < maxLengths.length; r++) {
                    int[] alone = decoding.decode(step.forRow(r), 1, BOS, EOS, new int[] {maxLengths[r]}, manager).get(0);
                    assertThat(together.get(r)).as("%s seed %d row %d", decoding, seed, r).isEqualTo(alone);
                }
            }
        }
    }

    @Test
    void badArgumentsAreRejected() {
        TableStep step = greedyTrap();
        assertThatThrownBy(() -> new Greedy().decode(step, 2, BOS, EOS, new int[] {3}, manager))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("one max length per source row");
        assertThatThrownBy(() -> new BeamSearch(2, 0.6).decode(step, 1, BOS, EOS, new int[] {-1}, manager))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(">= 0");
        assertThatThrownBy(() -> new BeamSearch(0, 0.6)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new BeamSearch(2, -0.1)).isInstanceOf(IllegalArgumentException.class);
        assertThat(new Greedy().decode(step, 0, BOS, EOS, new int[0], manager)).isEmpty();
    }
}
