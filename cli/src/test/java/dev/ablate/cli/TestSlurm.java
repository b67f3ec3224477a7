package dev.ablate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The batch script and the requeue without a cluster: the script is run by bash as Slurm would run
 * array task 2, with a stand-in launcher that records its arguments; scontrol is a stand-in too.
 * (SlurmIT runs them on a real Slurm.)
 */
final class TestSlurm {

    @TempDir
    Path dir;

    private Path recorder(String name) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, "#!/usr/bin/env bash\n"
                + "printf '%s\\n' \"$@\" > \"" + dir.resolve(name + ".args") + "\"\n"
                + "echo \"threads=${ABLATE_JAVA_OPTS:-} checkout=${ABLATE_CHECKOUT:-}\" > \"" + dir.resolve(name + ".env") + "\"\n"
                + "exit \"${EXIT_WITH:-0}\"\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
        return file;
    }

    private SlurmScript script(Path launcher) {
        List<String> runs = List.of("heads=1/seed-1", "heads=1/seed-2", "attention=restricted(window=4)/seed-1");
        List<String> options = SlurmScript.options("ablate-x", runs.size(), 2, dir.resolve("store/slurm/logs"), dir, 90,
                "gpu", "4:00:00", 1, 8, "16G", null, "high", List.of("--constraint=a100"));
        return new SlurmScript(dir.resolve("spec.json"), dir.resolve("store"), dir, List.of(launcher.toString(),
                "--plugins", dir.resolve("my plugins").toString()), dir.resolve("checkout"), runs, options, 3);
    }

    @Test
    void theScriptAsksForWhatWasGivenAndLeavesTheRestToTheCluster() throws IOException {
        String text = script(dir.resolve("ablate")).text("header line");
        List<String> sbatch = text.lines().filter(l -> l.startsWith("#SBATCH ")).map(l -> l.substring(8)).toList();
        assertThat(sbatch).containsExactly("--job-name=ablate-x", "--array=0-2%2",
                "--output=" + dir.resolve("store/slurm/logs/%A_%a.out"), "--open-mode=append", "--chdir=" + dir,
                "--signal=B:USR2@90", "--requeue", "--partition=gpu", "--time=4:00:00", "--gpus-per-task=1",
                "--cpus-per-task=8", "--mem=16G", "--qos=high", "--constraint=a100");
        assertThat(text).startsWith("#!/usr/bin/env bash\n# header line\n").doesNotContain("--account");
    }

    @Test
    void arrayTaskTwoRunsExactlyTheThirdRunWithTheCpusSlurmGaveIt() throws Exception {
        Path script = Files.writeString(dir.resolve("job.sbatch"), script(recorder("ablate")).text("test"));
        ProcessBuilder outside = new ProcessBuilder("bash", script.toString()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("job.out").toFile());
        outside.environment().keySet().removeIf(k -> k.startsWith("SLURM_"));
        Process p = outside.start();
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        // Without SLURM_ARRAY_TASK_ID the script must not guess a run.
        assertThat(p.exitValue()).isNotZero();

        ProcessBuilder task = new ProcessBuilder("bash", script.toString()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("task.out").toFile());
        task.environment().putAll(Map.of("SLURM_ARRAY_JOB_ID", "51", "SLURM_ARRAY_TASK_ID", "2", "SLURM_JOB_ID", "54",
                "SLURM_CPUS_PER_TASK", "8"));
        task.environment().remove("ABLATE_JAVA_OPTS");
        Process t = task.start();
        assertThat(t.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(t.exitValue()).as(Files.readString(dir.resolve("task.out"))).isZero();
        assertThat(Files.readAllLines(dir.resolve("ablate.args"), StandardCharsets.UTF_8)).containsExactly(
                "--plugins", dir.resolve("my plugins").toString(), "run", dir.resolve("spec.json").toString(), "--out",
                dir.resolve("store").toString(), "--only", "attention=restricted(window=4)/seed-1", "--max-requeues", "3");
        assertThat(Files.readString(dir.resolve("ablate.env")).strip()).isEqualTo(
                "threads= -Dai.djl.pytorch.num_threads=8 checkout=" + dir.resolve("checkout"));
        assertThat(Files.readString(dir.resolve("task.out"))).startsWith("ablate: task 51_2 (job 54, restart 0) runs "
                + "attention=restricted(window=4)/seed-1 on ");
    }

    @Test
    void theExitStatusOfTheRunIsTheTasks() throws Exception {
        Path script = Files.writeString(dir.resolve("job.sbatch"), script(recorder("ablate")).text("test"));
        ProcessBuilder task = new ProcessBuilder("bash", script.toString()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("task.out").toFile());
        task.environment().putAll(Map.of("SLURM_ARRAY_JOB_ID", "51", "SLURM_ARRAY_TASK_ID", "0", "SLURM_JOB_ID", "52",
                "EXIT_WITH", "1"));
        Process t = task.start();
        assertThat(t.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(t.exitValue()).as("a failed run fails its task").isEqualTo(1);
    }

    @Test
    void quotingKeepsEveryValueOneShellWord() {
        assertThat(SlurmScript.quote("heads=1/seed-2")).isEqualTo("heads=1/seed-2");
        assertThat(SlurmScript.quote("a b")).isEqualTo("'a b'");
        assertThat(SlurmScript.quote("it's")).isEqualTo("'it'\\''s'");
        assertThat(SlurmScript.quote("attention=restricted(window=4)")).isEqualTo("'attention=restricted(window=4)'");
    }

    @Test
    void aStoppedTaskRequeuesItsOwnArrayElementWhileRequeuesAreLeft() throws IOException {
        Path scontrol = recorder("scontrol");
        Map<String, String> task = Map.of("SLURM_ARRAY_JOB_ID", "51", "SLURM_ARRAY_TASK_ID", "3", "SLURM_JOB_ID", "55",
                "SLURM_RESTART_COUNT", "1");
        StringWriter err = new StringWriter();
        assertThat(SlurmRequeue.afterStop(task, 3, new PrintWriter(err, true), scontrol.toString())).isTrue();
        assertThat(Files.readAllLines(dir.resolve("scontrol.args"))).containsExactly("requeue", "51_3");
        assertThat(err.toString()).contains("requeueing Slurm job 51_3 (requeue 2 of at most 3)");
    }

    @Test
    void noRequeueOutsideSlurmWithoutPermissionOrPastTheLimit() throws IOException {
        Path scontrol = recorder("scontrol");
        StringWriter err = new StringWriter();
        PrintWriter printer = new PrintWriter(err, true);
        assertThat(SlurmRequeue.afterStop(Map.of(), 3, printer, scontrol.toString())).as("not in Slurm").isFalse();
        assertThat(SlurmRequeue.afterStop(Map.of("SLURM_JOB_ID", "7"), 0, printer, scontrol.toString()))
                .as("--max-requeues 0").isFalse();
        assertThat(SlurmRequeue.afterStop(Map.of("SLURM_JOB_ID", "7", "SLURM_RESTART_COUNT", "3"), 3, printer,
                scontrol.toString())).as("requeued 3 times already").isFalse();
        assertThat(dir.resolve("scontrol.args")).doesNotExist();
        assertThat(err.toString()).contains("Slurm job 7 not requeued: it was requeued 3 time(s) already (--max-requeues 3)");
    }

    @Test
    void aFailedScontrolIsSaidAndTheTaskEndsAsStopped() throws IOException {
        Path scontrol = recorder("scontrol");
        Files.writeString(scontrol, "#!/usr/bin/env bash\necho 'Requested operation is presently disabled'\nexit 1\n");
        StringWriter err = new StringWriter();
        assertThat(SlurmRequeue.afterStop(Map.of("SLURM_JOB_ID", "7"), 3, new PrintWriter(err, true),
                scontrol.toString())).isFalse();
        assertThat(err.toString()).contains("requeue 7` failed: Requested operation is presently disabled");
    }

    @Test
    void workersGetAGpuEachOrShareTheCores() {
        List<String> run = List.of("run", "spec.json");
        assertThat(LocalWorkers.plan(3, "auto", 2, 16, run).workers()).extracting(LocalWorkers.Worker::device,
                LocalWorkers.Worker::threads).containsExactly(
                        Tuple.tuple("gpu:0", 0), Tuple.tuple("gpu:1", 0),
                        Tuple.tuple("gpu:0", 0));
        assertThat(LocalWorkers.plan(3, "auto", 0, 16, run).workers()).extracting(LocalWorkers.Worker::device,
                LocalWorkers.Worker::threads).containsOnly(Tuple.tuple("auto", 5));
        assertThat(LocalWorkers.plan(4, "cpu", 2, 2, run).workers()).extracting(LocalWorkers.Worker::threads)
                .containsOnly(1);
        assertThat(LocalWorkers.plan(2, "gpu:1", 2, 16, run).workers()).extracting(LocalWorkers.Worker::device)
                .containsOnly("gpu:1");
        LocalWorkers cpu = LocalWorkers.plan(2, "cpu", 0, 8, run);
        List<String> command = cpu.command(cpu.workers().get(1));
        assertThat(command).contains("-Dai.djl.pytorch.num_threads=4");
        assertThat(command.subList(command.size() - 4, command.size())).containsExactly("run", "spec.json", "--device", "cpu");
    }
}
