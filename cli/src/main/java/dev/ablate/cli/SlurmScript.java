package dev.ablate.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The batch script of {@code ablate slurm submit}: one job array, one task per run, every sbatch
 * option in {@code #SBATCH} lines so that {@code sbatch SCRIPT} alone resubmits it. Each task runs
 * exactly its run ({@code ablate run SPEC --out DIR --only RUN}) against the shared run store; the
 * launcher is {@code exec}'d, so the batch shell's USR2 ({@code --signal=B:USR2@DELAY}) reaches the JVM.
 *
 * @param spec the spec, absolute
 * @param store the run store, absolute
 * @param workingDirectory where the tasks start (the submitter's directory: relative paths in the spec mean the same)
 * @param launcher the command that starts Ablate, e.g. the distribution's bin/ablate, and its leading arguments
 * @param checkout the checkout whose plugins/ folder the launcher also loads, or null
 * @param runs the runs, by index of array task
 * @param sbatch the #SBATCH options, in order
 * @param maxRequeues passed to {@code ablate run --max-requeues}
 */
record SlurmScript(Path spec, Path store, Path workingDirectory, List<String> launcher, Path checkout, List<String> runs,
        List<String> sbatch, int maxRequeues) {

    private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9_./:=@%+,-]+");

    /** Where the tasks' logs go: one file per array task, every attempt appended. */
    static Path logFolder(Path store) {
        return store.resolve("slurm").resolve("logs");
    }

    String text(String header) {
        StringBuilder s = new StringBuilder();
        s.append("#!/usr/bin/env bash\n");
        header.lines().forEach(l -> s.append("# ").append(l).append('\n'));
        for (String option : sbatch) {
            s.append("#SBATCH ").append(option).append('\n');
        }
        s.append("set -euo pipefail\n\n");
        s.append("# Array task i trains runs[i].\n");
        s.append("runs=(\n");
        runs.forEach(r -> s.append("  ").append(quote(r)).append('\n'));
        s.append(")\n");
        s.append("run=\"${runs[$SLURM_ARRAY_TASK_ID]}\"\n");
        s.append("echo \"ablate: task ${SLURM_ARRAY_JOB_ID}_${SLURM_ARRAY_TASK_ID} (job $SLURM_JOB_ID, restart "
                + "${SLURM_RESTART_COUNT:-0}) runs $run on $(hostname) at $(date -Is)\"\n");
        s.append("# PyTorch uses the CPUs Slurm gave the task, not every core of the node.\n");
        s.append("if [ -n \"${SLURM_CPUS_PER_TASK:-}\" ]; then\n");
        s.append("  export ABLATE_JAVA_OPTS=\"${ABLATE_JAVA_OPTS:-} -Dai.djl.pytorch.num_threads=$SLURM_CPUS_PER_TASK\"\n");
        s.append("fi\n");
        if (checkout != null) {
            s.append("export ABLATE_CHECKOUT=").append(quote(checkout.toString())).append('\n');
        }
        s.append("# exec: the JVM becomes the batch shell and gets its signals (USR2 before the time limit).\n");
        List<String> command = new ArrayList<>(launcher);
        command.addAll(List.of("run", spec.toString(), "--out", store.toString()));
        s.append("exec");
        command.forEach(c -> s.append(' ').append(quote(c)));
        s.append(" --only \"$run\" --max-requeues ").append(maxRequeues).append('\n');
        return s.toString();
    }

    /** {@code value} as one shell word. */
    static String quote(String value) {
        if (PLAIN.matcher(value).matches()) {
            return value;
        }
        return "'" + value.replace("'", "'\\''") + "'";
    }

    /**
     * The #SBATCH lines for the user's choices; {@code null} choices are left to the cluster's defaults.
     *
     * @param tasks array tasks
     * @param maxParallel at most this many run at once ({@code %K}), or null
     * @param signalDelay seconds before the time limit at which the batch shell gets USR2
     */
    static List<String> options(String jobName, int tasks, Integer maxParallel, Path logs, Path workingDirectory,
            int signalDelay, String partition, String time, Integer gpusPerTask, Integer cpusPerTask, String mem,
            String account, String qos, List<String> extra) {
        List<String> o = new ArrayList<>();
        o.add("--job-name=" + quote(jobName));
        o.add("--array=0-" + (tasks - 1) + (maxParallel == null ? "" : "%" + maxParallel));
        o.add("--output=" + quote(logs.resolve("%A_%a.out").toString()));
        o.add("--open-mode=append");
        o.add("--chdir=" + quote(workingDirectory.toString()));
        o.add(String.format(Locale.ROOT, "--signal=B:USR2@%d", signalDelay));
        o.add("--requeue");
        add(o, "--partition", partition);
        add(o, "--time", time);
        add(o, "--gpus-per-task", gpusPerTask);
        add(o, "--cpus-per-task", cpusPerTask);
        add(o, "--mem", mem);
        add(o, "--account", account);
        add(o, "--qos", qos);
        o.addAll(extra);
        return o;
    }

    private static void add(List<String> options, String name, Object value) {
        if (value != null) {
            options.add(name + "=" + quote(value.toString()));
        }
    }
}
