package dev.ablate.cli;

import ai.djl.Device;
import ai.djl.engine.Engine;
import dev.ablate.core.error.UserException;
import dev.ablate.core.device.Devices;
import dev.ablate.experiments.spec.ExperimentPlan;
import dev.ablate.experiments.spec.PlannedRun;
import dev.ablate.experiments.spec.SpecReader;
import dev.ablate.experiments.spec.Variant;
import dev.ablate.experiments.sweep.ExperimentRunner;
import dev.ablate.experiments.sweep.ProgressListener;
import dev.ablate.experiments.sweep.RunEnvironment;
import dev.ablate.experiments.sweep.StopRequest;
import dev.ablate.models.transformer.TransformerFactory;
import dev.ablate.reports.report.ReportWriter;
import dev.ablate.reports.stats.Estimate;
import dev.ablate.store.ExperimentRecord;
import dev.ablate.store.RunFolder;
import dev.ablate.store.RunLock;
import dev.ablate.store.RunResult;
import dev.ablate.store.RunStore;
import dev.ablate.store.VariantRecord;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
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
                + "and the verdict on each claim of the spec's expect (as `ablate check OUT` prints them), and writes "
                + "the report (as `ablate report OUT` does): report.html, report.md, results.csv, results.json.",
                "",
                "Several processes may run the same spec into the same DIR at once (--workers N starts them for you; "
                + "Slurm array tasks are others): each takes the runs nobody holds, and whichever finishes a run "
                + "rebuilds results.json and the report from every result there is by then.",
                "",
                "SIGTERM or Ctrl-C while a run trains ends the current step, writes a checkpoint there and exits "
                + "(143 or 130); running the spec again resumes that run. SIGUSR2 (Slurm's warning before a time "
                + "limit) does the same at the end of the current step (exit 140). Inside a Slurm job, with "
                + "--max-requeues N, the job then requeues itself (scontrol requeue) and resumes from that checkpoint.",
                "",
                "Exit status: 0 when every run completed or diverged (or the job was requeued), 2 for invalid input, "
                + "1 when a run failed (the failed runs are named; running the spec again retries them), 143, 130 "
                + "or 140 when stopped by SIGTERM, Ctrl-C or SIGUSR2."},
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

    @Option(names = "--only", paramLabel = "RUN", split = ",",
            description = "Train only these runs: <variant>/seed-<seed> (a run's folder in DIR, as `ablate status` "
                    + "lists them) or <variant> (all its seeds). Repeatable, or comma-separated.")
    List<String> only = new ArrayList<>();

    @Option(names = "--workers", paramLabel = "N", defaultValue = "1",
            description = "Train with N worker processes on this machine, sharing DIR (default: ${DEFAULT-VALUE}). "
                    + "With GPUs each worker gets its own (gpu:0, gpu:1, ...; round robin when N is larger); on the "
                    + "CPU they split its cores. Their output is prefixed [worker i].")
    int workers;

    /** The report ReportAfterEachRun wrote last, or null. */
    private ReportWriter.Written lastReport;

    /** Set on the child processes of --workers: no plan, no summary (their parent prints them). */
    @Option(names = "--as-worker", hidden = true)
    boolean worker;

    @Option(names = "--max-requeues", paramLabel = "N", defaultValue = "0",
            description = "Inside a Slurm job: after a stop by SIGUSR2 or SIGTERM (checkpoint written), requeue "
                    + "this job or array task with `scontrol requeue` unless Slurm has requeued it N times "
                    + "already ($SLURM_RESTART_COUNT). Default ${DEFAULT-VALUE}: never. `ablate slurm submit` "
                    + "sets it.")
    int maxRequeues;

    @Override
    public Integer call() throws IOException, InterruptedException {
        PrintWriter console = spec.commandLine().getOut();
        if (workers < 1) {
            throw new UserException("--workers: must be at least 1 (got " + workers + ")");
        }
        if (maxRequeues < 0) {
            throw new UserException("--max-requeues: must be at least 0 (got " + maxRequeues + ")");
        }
        ExperimentPlan plan;
        try {
            plan = instance(SpecReader.class).read(file);
        } catch (UserException e) {
            recordCannotStart(e);
            throw e;
        }
        List<PlannedRun> selected = only.isEmpty() ? plan.runs() : plan.select(only);
        Device chosen = Devices.select(device);
        Path root = out != null ? out : Path.of("runs", plan.name());
        if (!worker) {
            printPlan(console, plan, chosen, root);
        }
        if (dryRun) {
            return 0;
        }
        ExperimentRunner runner = instance(ExperimentRunner.class);
        RunStore store = runner.store(root);
        if (workers > 1) {
            return runWorkers(console, plan, store);
        }
        String version = AblateCommand.Version.versions().getProperty("ablate");
        StopRequest.installHandlers();
        ExperimentRunner.Summary summary;
        try {
            summary = runner.run(plan, selected, store, new RunEnvironment(chosen, version),
                    new ReportAfterEachRun(new ConsoleProgress(console, System.console() != null), root));
        } catch (StopRequest.Stopped stopped) {
            console.flush();
            spec.commandLine().getErr().println("ablate: " + stopped.getMessage());
            int status = StopRequest.exitStatus(stopped.signal());
            return SlurmRequeue.afterStop(System.getenv(), maxRequeues, spec.commandLine().getErr()) ? 0 : status;
        }
        if (worker) {
            // The parent of --workers prints the summary and writes the report once all are done.
            return summary.failed().isEmpty() ? 0 : 1;
        }
        return finish(console, plan, summary, root);
    }

    /**
     * A worker told to train named runs ({@code --only}, as Slurm tasks are) that cannot even read the
     * spec (its data file was removed since it was submitted, say) writes that as each run's failure,
     * so that `ablate status` shows the message on the run rather than a run still pending, and the
     * next submit retries it. Only in a store that exists, for runs nobody holds and not yet final.
     */
    private void recordCannotStart(UserException error) throws IOException {
        if (only.isEmpty() || out == null || !Files.isRegularFile(out.resolve("experiment.json"))) {
            return;
        }
        RunStore store = RunStore.open(out);
        ExperimentRecord experiment = store.experiment();
        String version = AblateCommand.Version.versions().getProperty("ablate");
        for (String id : only) {
            int at = id.lastIndexOf("/seed-");
            Optional<VariantRecord> variant = at < 0 ? Optional.empty()
                    : experiment.variants().stream().filter(v -> v.id().equals(id.substring(0, at))).findFirst();
            if (variant.isEmpty()) {
                continue;
            }
            int seed;
            try {
                seed = Integer.parseInt(id.substring(at + "/seed-".length()));
            } catch (NumberFormatException e) {
                continue;
            }
            RunFolder folder = store.run(variant.get().id(), seed);
            try (RunLock lock = folder.tryLock()) {
                if (lock == null || folder.result().map(r -> r.status().isFinal()).orElse(false)) {
                    continue;
                }
                folder.writeResult(RunResult.failed(new RunResult.Identity(variant.get().id(), variant.get().hash(), seed),
                        "cannot start: " + error.getMessage(),
                        new RunResult.Environment(device, Map.of("ablate", version, "jdk",
                                System.getProperty("java.version")))));
            }
        }
    }

    /** The summary table, the report, and the exit status for the runs' outcomes. */
    private int finish(PrintWriter console, ExperimentPlan plan, ExperimentRunner.Summary summary, Path root)
            throws IOException {
        printSummary(console, plan, summary);
        // The report written after this process's last run holds every result there was then (a process that
        // finishes a run later rewrites it and prints its own); a sweep that trained nothing writes one now.
        ReportWriter.Written report = lastReport != null ? lastReport : ReportCommand.write(parent, root, null);
        if (!report.verdicts().isEmpty()) {
            console.println();
            CheckCommand.print(console, report.verdicts());
        }
        ReportCommand.print(console, report);
        List<RunResult> failed = summary.failed();
        if (!failed.isEmpty()) {
            spec.commandLine().getErr().printf("ablate: %d run(s) failed: %s%n", failed.size(), String.join(", ",
                    failed.stream().map(r -> r.variant() + " seed " + r.seed() + " (" + r.error() + ")").toList()));
            return 1;
        }
        return 0;
    }

    /**
     * {@code --workers N}: N child processes of this command on this machine, one device each, taking
     * runs from the shared store; then the summary and report of what they left there.
     */
    private int runWorkers(PrintWriter console, ExperimentPlan plan, RunStore store)
            throws IOException, InterruptedException {
        List<String> arguments = new ArrayList<>(parent.pluginArguments());
        arguments.addAll(List.of("run", file.toAbsolutePath().toString(), "--out", store.root().toAbsolutePath().toString(),
                "--as-worker"));
        only.forEach(id -> arguments.addAll(List.of("--only", id)));
        LocalWorkers pool = LocalWorkers.plan(workers, device, Engine.getInstance().getGpuCount(),
                Runtime.getRuntime().availableProcessors(), arguments);
        int status = pool.run(console, spec.commandLine().getErr());
        if (status == 130 || status == 143) {
            return status;
        }
        List<Optional<RunResult>> results = new ArrayList<>();
        for (PlannedRun run : plan.runs()) {
            results.add(store.run(run.variant().id(), run.seed()).result());
        }
        int finished = finish(console, plan, new ExperimentRunner.Summary(results, 0, 0), store.root());
        return status != 0 ? status : finished;
    }

    /** Rebuilds results.json and the report after every run this process finishes (see `ablate report`). */
    private final class ReportAfterEachRun implements ProgressListener {

        private final ProgressListener console;
        private final Path root;

        ReportAfterEachRun(ProgressListener console, Path root) {
            this.console = console;
            this.root = root;
        }

        @Override
        public void runStarted(int index, int total, PlannedRun run, long parameters, int fromStep, int steps) {
            console.runStarted(index, total, run, parameters, fromStep, steps);
        }

        @Override
        public void step(int step, float loss, double tokensPerSecond) {
            console.step(step, loss, tokensPerSecond);
        }

        @Override
        public void validated(int step, Map<String, Double> metrics) {
            console.validated(step, metrics);
        }

        @Override
        public void runSkipped(int index, int total, PlannedRun run, String reason) {
            console.runSkipped(index, total, run, reason);
        }

        @Override
        public void runFinished(PlannedRun run, RunResult result) {
            console.runFinished(run, result);
            try {
                lastReport = ReportCommand.write(parent, root, null);
            } catch (IOException | RuntimeException e) {
                // The sweep's own end writes it again; a report that cannot be written now must not stop training.
                lastReport = null;
                spec.commandLine().getErr().println("ablate: report not updated after " + run.label() + ": "
                        + e.getMessage());
            }
        }
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
                statuses.put("not finished", missing);
            }
            rows.add(new String[] {v.id(), metric, meanStd(values), String.valueOf(values.size()),
                String.join(", ", statuses.entrySet().stream().map(e -> e.getValue() + " " + e.getKey()).toList())});
        }
        console.println();
        ConsoleTable.print(console, rows);
        if (summary.trained() + summary.skipped() > 0) {
            console.printf("trained %d run(s), skipped %d%n", summary.trained(), summary.skipped());
        }
    }

    /** {@link #meanStd} of an estimate already made, "-" for none. */
    static String meanStdOf(Estimate e) {
        if (e == null) {
            return "-";
        }
        return e.n() == 1 ? ConsoleProgress.format(e.mean())
                : ConsoleProgress.format(e.mean()) + " ± " + ConsoleProgress.format(e.std());
    }

    /** Sample mean ± sample standard deviation (n − 1), as the report computes it; the std is left out for a single seed. */
    static String meanStd(List<Double> values) {
        if (values.isEmpty()) {
            return "-";
        }
        return meanStdOf(Estimate.of(values));
    }
}
