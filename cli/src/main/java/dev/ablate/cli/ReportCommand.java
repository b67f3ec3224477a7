package dev.ablate.cli;

import dev.ablate.reports.report.ReportWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ablate report DIR}: rebuilds an experiment's report from its run store. */
@Command(
        name = "report",
        header = "Build the comparison report of a run store.",
        description = {"Read DIR (what `ablate run` wrote: experiment.json and each run's result.json and metrics.jsonl; "
                + "nothing else, so runs copied from another machine work) and write next to them: report.html (one "
                + "self-contained file, charts inline), report.md (charts as SVG files in DIR/charts), results.csv "
                + "(one row per run) and results.json (every run, plus each variant's mean, std, "
                + "95%% interval and paired delta against the baseline). `ablate run` ends by doing the same.",
                "",
                "A bench.json in DIR (from `ablate bench attention --out DIR`) is included as a scaling section."},
        mixinStandardHelpOptions = true)
final class ReportCommand extends Subcommand implements Callable<Integer> {

    @Parameters(paramLabel = "DIR", description = "The run store folder, e.g. runs/quick-attention.")
    Path dir;

    @Option(names = "--metric", paramLabel = "NAME",
            description = "Head the report with this metric instead of the spec's evaluation.metric, e.g. bleu when "
                    + "checkpoints were picked by validation loss (any metric the runs have; a later `ablate run` "
                    + "writes the report with the spec's metric again).")
    String metric;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        print(out, write(parent, dir, metric));
        return 0;
    }

    static ReportWriter.Written write(AblateCommand parent, Path dir, String metric) throws IOException {
        String version = AblateCommand.Version.versions().getProperty("ablate");
        return parent.injector().getInstance(ReportWriter.class).write(dir, version, metric);
    }

    static void print(PrintWriter out, ReportWriter.Written written) {
        out.printf("report: %s%n        %s (charts in %s)%n        %s, %s%n", written.html(), written.markdown(),
                written.markdown().resolveSibling("charts"), written.csv(), written.json());
        out.flush();
    }
}
