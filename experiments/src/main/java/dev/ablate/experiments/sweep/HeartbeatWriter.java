package dev.ablate.experiments.sweep;

import dev.ablate.store.Heartbeat;
import dev.ablate.store.RunFolder;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * Rewrites a run's heartbeat.json from a daemon thread while this process holds the run, so it is
 * current also while the run reads data or evaluates, and stops once the run is left. The training
 * loop only updates fields; the thread does the writing.
 */
final class HeartbeatWriter implements AutoCloseable {

    /** How often the heartbeat is written; status calls a held run whose heartbeat is much older stale. */
    static final Duration INTERVAL = Duration.ofSeconds(15);

    private final RunFolder folder;
    private final String host;
    private final long pid;
    private final String job;
    private final Instant since = Instant.now();
    private final Thread thread;

    private volatile int steps;
    private volatile int step;
    private volatile int firstStep = -1;
    private volatile long firstStepNanos;
    private volatile long lastStepNanos;

    private HeartbeatWriter(RunFolder folder, Map<String, String> environment) {
        this.folder = folder;
        String name = ManagementFactory.getRuntimeMXBean().getName();
        int at = name.indexOf('@');
        this.host = at < 0 ? name : name.substring(at + 1);
        this.pid = ProcessHandle.current().pid();
        SlurmJob slurm = SlurmJob.of(environment);
        this.job = slurm == null ? null : slurm.id();
        this.thread = new Thread(this::beat, "ablate-heartbeat");
        this.thread.setDaemon(true);
    }

    /** Starts beating for {@code folder}: once now, then every {@link #INTERVAL}. */
    static HeartbeatWriter start(RunFolder folder) {
        HeartbeatWriter writer = new HeartbeatWriter(folder, System.getenv());
        writer.write();
        writer.thread.start();
        return writer;
    }

    void started(int fromStep, int plannedSteps) {
        steps = plannedSteps;
        step = fromStep;
    }

    void stepDone(int done) {
        long now = System.nanoTime();
        if (firstStep < 0) {
            firstStep = done;
            firstStepNanos = now;
        }
        lastStepNanos = now;
        step = done;
    }

    private void beat() {
        try {
            while (!Thread.currentThread().isInterrupted()) {
                Thread.sleep(INTERVAL.toMillis());
                write();
            }
        } catch (InterruptedException e) {
            // closed
        }
    }

    private void write() {
        int done = step - firstStep;
        Double secondsPerStep = firstStep < 0 || done <= 0 ? null : (lastStepNanos - firstStepNanos) / 1e9 / done;
        try {
            folder.writeHeartbeat(new Heartbeat(host, pid, job, step, steps, secondsPerStep, since.toString(),
                    Instant.now().toString()));
        } catch (IOException | RuntimeException e) {
            // A missed heartbeat is harmless (the next one comes); training must not fail over it.
        }
    }

    /** Stops beating, with a last heartbeat that records where the run was left. */
    @Override
    public void close() {
        thread.interrupt();
        try {
            thread.join(Duration.ofSeconds(10).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        write();
    }
}
