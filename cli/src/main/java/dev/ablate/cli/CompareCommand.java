package dev.ablate.cli;

import dev.ablate.core.error.DidYouMean;
import dev.ablate.core.error.UserException;
import dev.ablate.reports.report.CompareReport;
import dev.ablate.reports.store.StoredExperiment;
import dev.ablate.reports.verdict.StoreComparison;
import dev.ablate.reports.verdict.StoreComparison.Change;
import dev.ablate.reports.verdict.StoreComparison.Row;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ablate compare OLD NEW}: two run stores of one spec, variant by variant and metric by metric. */
@Command(
        name = "compare",
        header = "Compare two run stores of one spec: IMPROVED, REGRESSED or SAME per variant and metric.",
        description = {"Read OLD and NEW (run stores of the same spec: before and after a code change, or from two "
                + "machines) and, for every variant both have and every metric, take the paired per-seed "
                + "differences (new − old) and their 95%% Student-t interval: IMPROVED when it lies on the metric's "
                + "better side, REGRESSED on its worse side, SAME when it contains 0, UNCOMPARED with fewer than two "
                + "seeds to pair. Also lists where the variants' resolved configs differ. Writes compare.html and "
                + "compare.md into NEW (or --out DIR).",
                "",
                "Exit status: 0 when nothing regressed and everything was compared, 3 when something regressed, 4 "
                + "when nothing regressed but something could not be compared, 2 for invalid input."},
        mixinStandardHelpOptions = true)
final class CompareCommand extends Subcommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "OLD", description = "The run store to compare against.")
    Path before;

    @Parameters(index = "1", paramLabel = "NEW", description = "The run store compared.")
    Path after;

    @Option(names = "--metric", paramLabel = "NAME", split = ",",
            description = "Only these metrics (default: every metric of the task). Repeatable, or comma-separated.")
    List<String> metrics = new ArrayList<>();

    @Option(names = "--out", paramLabel = "DIR", description = "Where to write compare.html and compare.md (default: NEW).")
    Path out;

    @Option(names = "--json", description = "Print the comparison as JSON instead of a table.")
    boolean json;

    @Override
    public Integer call() throws IOException {
        StoredExperiment old = StoredExperiment.read(before);
        StoredExperiment current = StoredExperiment.read(after);
        StoreComparison all = StoreComparison.of(old, current);
        List<String> known = all.rows().stream().map(Row::metric).distinct().toList();
        for (String m : metrics) {
            if (!known.contains(m)) {
                throw new UserException("--metric " + m + ": not a metric of both stores; known: " + String.join(", ", known)
                        + "." + DidYouMean.hint(m, known));
            }
        }
        StoreComparison comparison = metrics.isEmpty() ? all : new StoreComparison(all.oldExperiment(),
                all.newExperiment(), all.rows().stream().filter(r -> metrics.contains(r.metric())).toList(),
                all.changes(), all.notes());
        String version = AblateCommand.Version.versions().getProperty("ablate");
        CompareReport.Written written = CompareReport.write(comparison, before, after, out != null ? out : after, version);
        PrintWriter console = out();
        if (json) {
            printJson(console, comparison);
        } else {
            print(console, comparison);
            console.printf("comparison: %s%n            %s%n", written.html(), written.markdown());
        }
        console.flush();
        return status(comparison);
    }

    static int status(StoreComparison comparison) {
        if (comparison.rows().stream().anyMatch(r -> r.change() == Change.REGRESSED)) {
            return CheckCommand.REFUTED;
        }
        return comparison.rows().stream().anyMatch(r -> r.change() == Change.UNCOMPARED) ? CheckCommand.INCONCLUSIVE : 0;
    }

    private static void print(PrintWriter console, StoreComparison comparison) {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"variant", "metric", "old", "new", "Δ (new − old) [95%]", "seeds", "change"});
        for (Row r : comparison.rows()) {
            rows.add(new String[] {r.variant(), r.metric(), RunCommand.meanStdOf(r.before()), RunCommand.meanStdOf(r.after()),
                r.difference() == null ? "-" : String.format(Locale.ROOT, "%+.4g", r.difference().mean())
                        + (r.difference().hasInterval() ? String.format(Locale.ROOT, " [%.4g, %.4g]", r.difference().low(),
                                r.difference().high()) : ""),
                String.valueOf(r.seeds().size()), r.change().label()});
        }
        ConsoleTable.print(console, rows);
        if (!comparison.changes().isEmpty()) {
            console.println("config differences:");
            comparison.changes().forEach(c -> console.println("  " + c));
        }
        comparison.notes().forEach(n -> console.println("note: " + n));
    }
}
