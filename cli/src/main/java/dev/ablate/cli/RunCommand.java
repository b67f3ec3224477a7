package dev.ablate.cli;

import ai.djl.Device;
import dev.ablate.core.device.Devices;
import dev.ablate.experiments.spec.ExperimentPlan;
import dev.ablate.experiments.spec.SpecReader;
import dev.ablate.experiments.spec.Variant;
import dev.ablate.experiments.sweep.ExperimentRunner;
import dev.ablate.experiments.sweep.RunEnvironment;
import dev.ablate.experiments.sweep.StopRequest;
import dev.ablate.models.transformer.TransformerFactory;
import dev.ablate.reports.stats.Estimate;
import dev.ablate.store.RunResult;
import dev.ablate.store.RunStore;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ablate run SPEC}: trains and evaluates every run of a spec, resumably. */
@Command(
        name = "run",
        header = "Train and evaluate every run of an experiment spec.",
        description = {"Check SPEC (as validate does), print the plan, then train every run that has no result yet: "
                + "finished runs are skipped, interrupted ones resume from their last checkpoint, runs another process "
                + "is training are left to it. Ends with a summary (the metric's mean ± std over seeds per variant) "
                + "and writes the report (as `ablate report OUT` does): report.html, report.md, results.csv, results.json.",
                "",
                "SIGTERM or Ctrl-C while a run trains ends the current step, writes a checkpoint there and exits "
                + "(143 or 130); running the spec again resumes that run.",
                "",
                "Exit status: 0 when every run completed or diverged, 2 for invalid input, 1 when a run failed "
                + "(the failed runs are named; running the spec again retries them), 143 or 130 when stopped by "
                + "SIGTERM or Ctrl-C."},
        mixinStandardHelpOptions = true)
final class RunCommand extends Subcommand implements Callable<Integer> {

    @Parameters(paramLabel = "SPEC", description = "The experiment spec (JSON).")
    Path file;

    @Option(names = "--out", paramLabel = "DIR", description = "The run store folder (default: runs/<name>).")
    Path out;

    @Option(names = "--device", paramLabel = "DEVICE", defaultValue = "auto",
            description = "Where to train: " + Devices.USAGE + " (default: ${DEFAULT-VALUE}: the first GPU if PyTorch "
                    + "sees one, else the CPU).")
    String device;

    @Option(names = "--dry-run", description = "Print the plan (runs, parameters of each variant) and stop.")
    boolean dryRun;

    @Override
    public Integer call() throws IOException {
        PrintWriter console = spec.commandLine().getOut();
        ExperimentPlan plan = instance(SpecReader.class).read(file);
        Device chosen = Devices.select(device);
        Path root = out != null ? out : Path.of("runs", plan.name());
        printPlan(console, plan, chosen, root);
        if (dryRun) {
            return 0;
        }
        ExperimentRunner runner = instance(ExperimentRunner.class);
        RunStore store = runner.store(root);
        String version = AblateCommand.Version.versions().getProperty("ablate");
        StopRequest.installHandlers();
        ExperimentRunner.Summary summary;
        try {
            summary = runner.run(plan, store, new RunEnvironment(chosen, version),
                    new ConsoleProgress(console, System.console() != null));
        } catch (StopRequest.Stopped stopped) {
            console.flush();
            spec.commandLine().getErr().println("ablate: " + stopped.getMessage());
            return StopRequest.exitStatus(stopped.signal());
        }
        printSummary(console, plan, summary);
        ReportCommand.print(console, ReportCommand.write(parent, root, null));
        List<RunResult> failed = summary.failed();
        if (!failed.isEmpty()) {
            spec.commandLine().getErr().printf("ablate: %d run(s) failed: %s%n", failed.size(), String.join(", ",
                    failed.stream().map(r -> r.variant() + " seed " + r.seed() + " (" + r.error() + ")").toList()));
            return 1;
        }
        return 0;
    }

    private void printPlan(PrintWriter console, ExperimentPlan plan, Device chosen, Path root) {
        console.printf(Locale.ROOT, "%s: %d runs (%d variants × %d seeds) on %s -> %s%n", plan.name(), plan.runs().size(),
                plan.variants().size(), plan.seeds().size(), Devices.describe(chosen), root);
        TransformerFactory factory = instance(TransformerFactory.class);
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"variant", "parameters", "steps", "hash"});
        for (Variant v : plan.variants()) {
            long parameters = factory.parameterCount(v.config().model(), plan.task().shape());
            rows.add(new String[] {v.id(), String.format(Locale.ROOT, "%,d", parameters),
                String.valueOf(v.config().training().steps()), v.hash()});
        }
        ConsoleTable.print(console, rows);
        console.flush();
    }

    private static void printSummary(PrintWriter console, ExperimentPlan plan, ExperimentRunner.Summary summary) {
        Map<String, List<RunResult>> byVariant = new LinkedHashMap<>();
        plan.variants().forEach(v -> byVariant.put(v.id(), new ArrayList<>()));
        for (Optional<RunResult> r : summary.results()) {
            r.ifPresent(result -> byVariant.get(result.variant()).add(result));
        }
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"variant", "metric", "mean ± std", "seeds", "status"});
        for (Variant v : plan.variants()) {
            String metric = v.config().evaluation().metric();
            List<RunResult> results = byVariant.get(v.id());
            List<Double> values = results.stream().filter(RunResult::completed)
                    .map(r -> r.metrics().get(metric)).toList();
            Map<String, Integer> statuses = new LinkedHashMap<>();
            results.forEach(r -> statuses.merge(r.status().label(), 1, Integer::sum));
            int missing = plan.seeds().size() - results.size();
            if (missing > 0) {
                statuses.put("elsewhere", missing);
            }
            rows.add(new String[] {v.id(), metric, meanStd(values), String.valueOf(values.size()),
                String.join(", ", statuses.entrySet().stream().map(e -> e.getValue() + " " + e.getKey()).toList())});
        }
        console.println();
        ConsoleTable.print(console, rows);
        console.printf("trained %d run(s), skipped %d%n", summary.trained(), summary.skipped());
    }

    /** Sample mean ± sample standard deviation (n − 1), as the report computes it; the std is left out for a single seed. */
    static String meanStd(List<Double> values) {
        if (values.isEmpty()) {
            return "-";
        }
        Estimate e = Estimate.of(values);
        return values.size() == 1 ? ConsoleProgress.format(e.mean())
                : ConsoleProgress.format(e.mean()) + " ± " + ConsoleProgress.format(e.std());
    }
}
