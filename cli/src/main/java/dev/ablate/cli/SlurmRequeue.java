package dev.ablate.cli;

import dev.ablate.experiments.sweep.SlurmJob;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A Slurm job that stopped at a checkpoint (time limit warning, preemption) puts itself back in the
 * queue, as submitit does: {@code scontrol requeue} of its own job, or of its own task in an array,
 * keeps the job id, and the requeued job resumes from the checkpoint. Bounded by the number of
 * requeues Slurm has counted for it ({@code SLURM_RESTART_COUNT}), so a run that cannot make
 * progress does not cycle forever.
 */
final class SlurmRequeue {

    private SlurmRequeue() {}

    /**
     * After a stop at a checkpoint: requeues this Slurm job when {@code maxRequeues} allows it; says
     * on {@code err} what it did and why. Returns whether the job was requeued.
     */
    static boolean afterStop(Map<String, String> environment, int maxRequeues, PrintWriter err) {
        return afterStop(environment, maxRequeues, err, "scontrol");
    }

    /** {@link #afterStop(Map, int, PrintWriter)} with the scontrol program to run (tests give a stand-in). */
    static boolean afterStop(Map<String, String> environment, int maxRequeues, PrintWriter err, String scontrol) {
        SlurmJob slurm = SlurmJob.of(environment);
        if (maxRequeues == 0 || slurm == null) {
            return false;
        }
        String job = slurm.id();
        int restarts = slurm.restarts();
        if (restarts >= maxRequeues) {
            err.printf("ablate: Slurm job %s not requeued: it was requeued %d time(s) already (--max-requeues %d); "
                    + "`ablate slurm submit` again resumes the run from its checkpoint%n", job, restarts, maxRequeues);
            return false;
        }
        // Said first: Slurm answers the requeue by sending this process SIGTERM, which may end it before
        // anything printed after.
        err.printf("ablate: requeueing Slurm job %s (requeue %d of at most %d); it resumes from this checkpoint%n",
                job, restarts + 1, maxRequeues);
        err.flush();
        List<String> command = List.of(scontrol, "requeue", job);
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                err.printf("ablate: `%s` failed%s; the run resumes from its checkpoint when submitted again%n",
                        String.join(" ", command), output.isEmpty() ? "" : ": " + output);
                return false;
            }
        } catch (IOException e) {
            err.printf("ablate: cannot run `%s` (%s); the run resumes from its checkpoint when submitted again%n",
                    String.join(" ", command), e.getMessage());
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
        return true;
    }
}
