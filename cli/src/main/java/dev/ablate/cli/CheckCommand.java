package dev.ablate.cli;

import dev.ablate.reports.store.StoredExperiment;
import dev.ablate.reports.verdict.Verdict;
import dev.ablate.reports.verdict.Verdict.Outcome;
import dev.ablate.reports.verdict.Verdicts;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ablate check DIR}: the verdict on each claim of the spec, as an exit status a CI job can guard. */
@Command(
        name = "check",
        header = "Judge the spec's expectations from a run store; the exit status says how they fared.",
        description = {"Read DIR (what `ablate run` writes) and judge each claim of the spec's \"expect\" list from "
                + "the paired per-seed differences (variant − vs) and their 95%% Student-t interval: CONFIRMED when "
                + "the interval lies on the claimed side (for \"same\": inside ±margin), REFUTED when it lies on "
                + "the other side (outside), INCONCLUSIVE otherwise, with about how many seeds would settle it at the "
                + "observed spread. A diverged run counts as 0 on a higher-is-better metric; a failed or unfinished "
                + "run leaves its claims INCONCLUSIVE until the spec is run again. The report shows the same at its top.",
                "",
                "Exit status: 0 when every claim is confirmed (or the spec makes none), 3 when one is refuted, 4 when "
                + "none is refuted but one is inconclusive, 2 when DIR is not a run store."},
        mixinStandardHelpOptions = true)
final class CheckCommand extends Subcommand implements Callable<Integer> {

    static final int REFUTED = 3;
    static final int INCONCLUSIVE = 4;

    @Parameters(paramLabel = "DIR", description = "The run store folder, e.g. runs/findings-heads.")
    Path dir;

    @Option(names = "--json", description = "Print the verdicts as JSON (as in results.json's \"verdicts\").")
    boolean json;

    @Override
    public Integer call() throws IOException {
        StoredExperiment experiment = StoredExperiment.read(dir);
        List<Verdict> verdicts = Verdicts.of(experiment);
        PrintWriter out = out();
        if (json) {
            printJson(out, verdicts);
        } else if (verdicts.isEmpty()) {
            out.println(experiment.name() + ": the spec states no expectations (\"expect\"); nothing to check");
        } else {
            print(out, verdicts);
        }
        out.flush();
        return status(verdicts);
    }

    static int status(List<Verdict> verdicts) {
        if (verdicts.stream().anyMatch(v -> v.outcome() == Outcome.REFUTED)) {
            return REFUTED;
        }
        return verdicts.stream().anyMatch(v -> v.outcome() == Outcome.INCONCLUSIVE) ? INCONCLUSIVE : 0;
    }

    /** One block per claim: the verdict and the claim, the difference and why; then the count. */
    static void print(PrintWriter out, List<Verdict> verdicts) {
        Map<Outcome, Long> counts = new EnumMap<>(Outcome.class);
        for (Verdict v : verdicts) {
            counts.merge(v.outcome(), 1L, Long::sum);
            out.printf(Locale.ROOT, "%-12s %s%n", v.outcome().label(), v.claim().sentence());
            if (v.difference() != null) {
                out.printf(Locale.ROOT, "             Δ = %+.4g over %d seed(s)%n", v.difference().mean(), v.seeds().size());
            }
            out.println("             " + v.reason());
            if (v.seedsNeeded() != null) {
                out.println("             about " + v.seedsNeeded() + " seeds would settle it at this spread");
            }
            v.notes().forEach(n -> out.println("             note: " + n));
        }
        out.println(String.join(", ", counts.entrySet().stream()
                .map(e -> e.getValue() + " " + e.getKey().label().toLowerCase(Locale.ROOT)).toList()));
    }
}
