package dev.ablate.store;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A training run's {@code heartbeat.json}, rewritten every few seconds by the process training it,
 * so that {@code ablate status} on any machine that sees the store can tell where a run trains, how
 * far it is and whether its worker is still alive (a lock on a shared filesystem can outlive a node).
 *
 * @param host the machine training it
 * @param pid the process id there
 * @param job the Slurm job ({@code JOB_TASK} for an array task), or {@code null} outside Slurm
 * @param step the last step trained
 * @param steps the steps the run is planned for
 * @param secondsPerStep the mean time of a step in this session so far, or {@code null} before the second step
 * @param since when this process started the run (ISO-8601)
 * @param time when this heartbeat was written (ISO-8601)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Heartbeat(String host, long pid, String job, int step, int steps, Double secondsPerStep, String since,
        String time) {}
