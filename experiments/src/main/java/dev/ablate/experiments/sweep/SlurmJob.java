package dev.ablate.experiments.sweep;

import java.util.Map;

/**
 * The Slurm job this process runs in, as Slurm's environment variables tell it.
 *
 * @param id what {@code scontrol} takes: {@code ARRAYJOB_TASK} for an array task, else the job id
 * @param restarts how many times Slurm has requeued it ({@code SLURM_RESTART_COUNT})
 */
public record SlurmJob(String id, int restarts) {

    /** This process's job, or null outside Slurm. */
    public static SlurmJob of(Map<String, String> environment) {
        String array = environment.get("SLURM_ARRAY_JOB_ID");
        String task = environment.get("SLURM_ARRAY_TASK_ID");
        String id = array != null && task != null ? array + "_" + task : environment.get("SLURM_JOB_ID");
        if (id == null) {
            return null;
        }
        String restarts = environment.get("SLURM_RESTART_COUNT");
        try {
            return new SlurmJob(id, restarts == null ? 0 : Integer.parseInt(restarts.strip()));
        } catch (NumberFormatException e) {
            return new SlurmJob(id, 0);
        }
    }
}
