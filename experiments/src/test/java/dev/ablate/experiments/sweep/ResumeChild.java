package dev.ablate.experiments.sweep;

import dev.ablate.experiments.spec.ExperimentPlan;
import dev.ablate.experiments.spec.PlannedRun;
import java.nio.file.Path;

/**
 * The process {@link TestResume} kills or stops with SIGTERM (handled as {@code ablate run} handles
 * it): runs a spec file into a run store, pausing {@code sleepMs}
 * after every step (so the test can catch it mid-run) and stopping for good at step {@code blockAt}
 * (so it can never finish before it is killed).
 *
 * <p>Arguments: spec file, run store folder, sleepMs, blockAt.
 */
public final class ResumeChild {

    private ResumeChild() {}

    public static void main(String[] args) throws InterruptedException {
        Path spec = Path.of(args[0]);
        Path store = Path.of(args[1]);
        long sleepMs = Long.parseLong(args[2]);
        int blockAt = Integer.parseInt(args[3]);
        SweepTesting.Harness harness = new SweepTesting.Harness();
        ExperimentPlan plan = harness.reader.read(spec);
        StopRequest.installHandlers();
        try {
            run(harness, plan, store, sleepMs, blockAt);
        } catch (StopRequest.Stopped stopped) {
            System.out.println(stopped.getMessage());
            System.out.flush();
            System.exit(StopRequest.exitStatus(stopped.signal()));
        }
        System.out.println("finished");
    }

    private static void run(SweepTesting.Harness harness, ExperimentPlan plan, Path store, long sleepMs, int blockAt) {
        harness.run(plan, harness.store(store), new ProgressListener() {
            @Override
            public void runStarted(int index, int total, PlannedRun run, long parameters, int fromStep, int steps) {
                System.out.println("started " + run.label() + " from " + fromStep);
                System.out.flush();
            }

            @Override
            public void step(int step, float loss, double tokensPerSecond) {
                try {
                    Thread.sleep(sleepMs);
                    if (step >= blockAt) {
                        System.out.println("blocked at " + step);
                        System.out.flush();
                        Thread.sleep(Long.MAX_VALUE);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        });
    }
}
