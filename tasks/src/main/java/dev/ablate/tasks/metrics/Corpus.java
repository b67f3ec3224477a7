package dev.ablate.tasks.metrics;

import dev.ablate.core.error.UserException;
import java.util.List;
import java.util.Objects;

/** What the corpus metrics share: the sacreBLEU version they reproduce and the argument checks. */
final class Corpus {

    /** The sacreBLEU release whose defaults and numbers the metrics reproduce; it ends each signature. */
    static final String SACREBLEU_VERSION = "2.6.0";

    private Corpus() {}

    /**
     * One reference per hypothesis, and at least one sentence. sacreBLEU's API silently truncates
     * to the shorter list (it zips them), which hides a misaligned file pair, so a mismatch is an
     * error here. With no sentences its API fails with an IndexError and its command line stops with
     * "contains no sentence"; a score of 0 would instead look like a real (terrible) result in a
     * report, so that is an error too.
     */
    static void requireParallel(String metric, List<String> hypotheses, List<String> references) {
        Objects.requireNonNull(hypotheses, "hypotheses");
        Objects.requireNonNull(references, "references");
        if (hypotheses.size() != references.size()) {
            throw new UserException(metric + ": " + count(hypotheses.size(), "hypothesis", "hypotheses")
                    + " but " + count(references.size(), "reference", "references")
                    + "; each hypothesis needs exactly one reference, in the same order");
        }
        if (hypotheses.isEmpty()) {
            throw new UserException(metric + ": the corpus is empty (0 hypotheses and 0 references);"
                    + " there is nothing to score");
        }
    }

    private static String count(int n, String one, String many) {
        return n + " " + (n == 1 ? one : many);
    }
}
