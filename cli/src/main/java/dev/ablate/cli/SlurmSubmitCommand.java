package dev.ablate.cli;

import dev.ablate.core.error.UserException;
import dev.ablate.core.io.AtomicFiles;
import dev.ablate.experiments.spec.ExperimentPlan;
import dev.ablate.experiments.spec.PlannedRun;
import dev.ablate.experiments.spec.SpecReader;
import dev.ablate.experiments.sweep.ExperimentRunner;
import dev.ablate.store.RunFolder;
import dev.ablate.store.RunResult;
import dev.ablate.store.RunStore;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code ablate slurm submit SPEC}: one Slurm job array, a task per unfinished run. */
@Command(
        name = "submit",
        header = "Submit the unfinished runs of a spec as one Slurm job array.",
        description = {"Check SPEC (as validate does), write the run store's experiment.json, then write a batch "
                + "script to DIR/slurm/ and submit it with sbatch: one array task per run that has no final result "
                + "and that no worker holds now. Returns at once with the job id. Each task runs `ablate run SPEC "
                + "--out DIR --only RUN` with this distribution, so DIR must be on a filesystem the compute nodes "
                + "share; its log is DIR/slurm/logs/JOB_TASK.out (every attempt appended). The script is kept: "
                + "read it, or resubmit it with `sbatch SCRIPT` (finished runs are skipped).",
                "",
                "Time limits and preemption: the script asks Slurm for SIGUSR2 --signal-delay seconds before the "
                + "limit. On it (or on SIGTERM) the task finishes its step, writes a checkpoint, requeues itself "
                + "(`scontrol requeue JOB_TASK`) and exits; the requeued task resumes from the checkpoint with the "
                + "numbers of an uninterrupted run. At most --max-requeues times per task.",
                "",
                "Submitting again submits only the runs still unfinished (failed ones included): "
                + "`ablate status DIR` shows which."},
        footer = {"", "Exit status: 0 submitted (or nothing left to submit), 2 for invalid input, 1 when sbatch failed."},
        mixinStandardHelpOptions = true)
final class SlurmSubmitCommand implements Callable<Integer> {

    @ParentCommand
    SlurmCommand slurm;

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "SPEC", description = "The experiment spec (JSON).")
    Path file;

    @Option(names = "--out", paramLabel = "DIR", description = "The run store folder (default: runs/<name>), on a "
            + "shared filesystem.")
    Path out;

    @Option(names = "--partition", paramLabel = "NAME", description = "sbatch --partition.")
    String partition;

    @Option(names = "--time", paramLabel = "LIMIT", description = "sbatch --time, per task and attempt: minutes, "
            + "MM:SS, HH:MM:SS or D-HH:MM:SS. Runs longer than that are requeued from their checkpoint.")
    String time;

    @Option(names = "--gpus-per-task", paramLabel = "N", description = "sbatch --gpus-per-task (a task trains on its first GPU).")
    Integer gpusPerTask;

    @Option(names = "--cpus-per-task", paramLabel = "N", description = "sbatch --cpus-per-task; PyTorch uses that many threads.")
    Integer cpusPerTask;

    @Option(names = "--mem", paramLabel = "SIZE", description = "sbatch --mem, e.g. 16G.")
    String mem;

    @Option(names = "--max-parallel", paramLabel = "K", description = "At most K tasks at once (the array's %%K).")
    Integer maxParallel;

    @Option(names = "--account", paramLabel = "NAME", description = "sbatch --account.")
    String account;

    @Option(names = "--qos", paramLabel = "NAME", description = "sbatch --qos.")
    String qos;

    @Option(names = "--sbatch-arg", paramLabel = "ARG", description = "Any other sbatch option, as one word, e.g. "
            + "--sbatch-arg=--constraint=a100. Repeatable.")
    List<String> sbatchArgs = new ArrayList<>();

    @Option(names = "--job-name", paramLabel = "NAME", description = "The job's name (default: ablate-<spec name>).")
    String jobName;

    @Option(names = "--signal-delay", paramLabel = "SECONDS", defaultValue = "90",
            description = "Ask for SIGUSR2 this long before the time limit (default: ${DEFAULT-VALUE}; Slurm may send "
                    + "it up to a minute early). It must leave time for one step and a checkpoint.")
    int signalDelay;

    @Option(names = "--max-requeues", paramLabel = "N", defaultValue = "3",
            description = "Requeue a task at most N times after a time-limit warning or preemption (default: "
                    + "${DEFAULT-VALUE}); then it stops at its checkpoint, and submitting again resumes it.")
    int maxRequeues;

    @Option(names = "--dry-run", description = "Print the script and the sbatch command; write and submit nothing.")
    boolean dryRun;

    @Override
    public Integer call() throws IOException, InterruptedException {
        check();
        PrintWriter console = spec.commandLine().getOut();
        ExperimentPlan plan = slurm.instance(SpecReader.class).read(file);
        Path root = (out != null ? out : Path.of("runs", plan.name())).toAbsolutePath().normalize();
        RunStore store = new RunStore(root);
        List<String> runs = new ArrayList<>();
        List<String> running = new ArrayList<>();
        int finished = 0;
        for (PlannedRun run : plan.runs()) {
            RunFolder folder = store.run(run.variant().id(), run.seed());
            Optional<RunResult> result = folder.result();
            if (result.isPresent() && result.get().status().isFinal()) {
                finished++;
            } else if (folder.lockHolder().isPresent()) {
                running.add(run.id());
            } else {
                runs.add(run.id());
            }
        }
        console.printf(Locale.ROOT, "%s: %d runs: %d final, %d held by a worker now, %d to submit%n", plan.name(),
                plan.runs().size(), finished, running.size(), runs.size());
        if (runs.isEmpty()) {
            console.printf("nothing to submit; `ablate status %s` shows every run%n", root);
            return 0;
        }
        String name = jobName != null ? jobName : "ablate-" + plan.name();
        String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss", Locale.ROOT));
        Path script = root.resolve("slurm").resolve(name + "-" + stamp + ".sbatch");
        Path logs = SlurmScript.logFolder(root);
        Path cwd = Path.of("").toAbsolutePath();
        List<String> options = SlurmScript.options(name, runs.size(), maxParallel, logs, cwd, signalDelay, partition,
                time, gpusPerTask, cpusPerTask, mem, account, qos, sbatchArgs);
        List<String> launcher = new ArrayList<>(List.of(launcher().toString()));
        launcher.addAll(slurm.parent.pluginArguments());
        String checkout = System.getProperty(AblateCommand.CHECKOUT_PROPERTY);
        SlurmScript batch = new SlurmScript(file.toAbsolutePath().normalize(), root, cwd, launcher,
                checkout == null || checkout.isBlank() ? null : Path.of(checkout), runs, options, maxRequeues);
        String text = batch.text("Written by `ablate slurm submit` at " + stamp + " for " + batch.spec() + ".\n"
                + "One array task per unfinished run of " + plan.name() + "; resubmit with `sbatch " + script.getFileName()
                + "`\n(finished runs are skipped), or run `ablate slurm submit` again to submit only unfinished runs.");
        List<String> command = List.of("sbatch", "--parsable", script.toString());
        if (dryRun) {
            console.print(text);
            console.println();
            console.println("would run: " + String.join(" ", command));
            console.flush();
            return 0;
        }
        slurm.instance(ExperimentRunner.class).prepare(plan, store);
        Files.createDirectories(logs);
        AtomicFiles.writeString(script, text);
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        String job;
        try {
            job = sbatch(command);
        } catch (SubmitFailed e) {
            spec.commandLine().getErr().println("ablate: " + e.getMessage() + "\n        the script is kept: " + script);
            return 1;
        }
        console.printf(Locale.ROOT, "submitted job array %s: %d task(s), one per run%s%n", job, runs.size(),
                running.isEmpty() ? "" : " (" + running.size() + " run(s) held by a worker now left to it)");
        console.printf("  script: %s%n", script);
        console.printf("  logs:   %s%n", logs.resolve(job + "_<task>.out"));
        console.printf("  watch:  ablate status %s   (squeue -j %s)%n", root, job);
        console.printf("  cancel: scancel %s%n", job);
        console.flush();
        return 0;
    }

    private void check() {
        requireAtLeast("--max-parallel", maxParallel, 1);
        requireAtLeast("--gpus-per-task", gpusPerTask, 0);
        requireAtLeast("--cpus-per-task", cpusPerTask, 1);
        requireAtLeast("--max-requeues", maxRequeues, 0);
        requireAtLeast("--signal-delay", signalDelay, 1);
        if (signalDelay > 65535) {
            throw new UserException("--signal-delay: at most 65535 seconds, Slurm's limit (got " + signalDelay + ")");
        }
    }

    private static void requireAtLeast(String option, Integer value, int least) {
        if (value != null && value < least) {
            throw new UserException(option + ": must be at least " + least + " (got " + value + ")");
        }
    }

    /** The distribution's bin/ablate: the same Ablate, plugins and JVM, started on the compute node. */
    private static Path launcher() {
        String home = System.getProperty(AblateCommand.HOME_PROPERTY);
        if (home == null || home.isBlank()) {
            throw new UserException("ablate slurm submit needs Ablate's launcher (bin/ablate of the distribution, or "
                    + "./ablate in a checkout) to name in the batch script; it was started without one");
        }
        return Path.of(home, "bin", "ablate").toAbsolutePath().normalize();
    }

    /** Runs sbatch and returns the job id it prints (--parsable: "ID" or "ID;CLUSTER"). */
    private static String sbatch(List<String> command) throws IOException, InterruptedException {
        Process p;
        try {
            p = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new UserException("cannot run sbatch (" + e.getMessage() + "): is this a Slurm login node? "
                    + "--dry-run prints the script without submitting it");
        }
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        if (!p.waitFor(2, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new IOException("sbatch did not answer within 2 minutes");
        }
        if (p.exitValue() != 0) {
            throw new SubmitFailed("sbatch failed (exit " + p.exitValue() + "): " + output);
        }
        String last = output.lines().reduce((a, b) -> b).orElse("");
        return last.split(";")[0].strip();
    }

    /** sbatch refused the job: the message is sbatch's. */
    static final class SubmitFailed extends IOException {
        SubmitFailed(String message) {
            super(message);
        }
    }
}
