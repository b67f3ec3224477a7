package dev.ablate.cli;

import dev.ablate.experiments.spec.PlannedRun;
import dev.ablate.experiments.sweep.ProgressListener;
import dev.ablate.store.RunResult;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Map;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Shows a sweep's progress: on a terminal, one progress bar per run (run i/N, step, loss, tokens/s,
 * ETA); otherwise (CI, a log file) one plain line per validation and per finished run.
 */
final class ConsoleProgress implements ProgressListener {

    private final PrintWriter out;
    private final boolean terminal;
    private String metric = "loss";
    private ProgressBar bar;
    private String label = "";
    private int steps;

    ConsoleProgress(PrintWriter out, boolean terminal) {
        this.out = out;
        this.terminal = terminal;
    }

    @Override
    public void runStarted(int index, int total, PlannedRun run, long parameters, int fromStep, int steps) {
        this.label = String.format(Locale.ROOT, "run %d/%d %s seed %d", index, total, run.variant().id(), run.seed());
        this.steps = steps;
        this.metric = run.variant().config().evaluation().metric();
        String resumed = fromStep > 0 ? ", resuming at step " + fromStep : "";
        if (terminal) {
            out.flush();
            bar = new ProgressBarBuilder()
                    .setTaskName(String.format(Locale.ROOT, "%d/%d", index, total))
                    .setInitialMax(steps)
                    .startsFrom(fromStep, Duration.ZERO)
                    .setStyle(ProgressBarStyle.ASCII)
                    .setUpdateIntervalMillis(250)
                    .setSpeedUnit(ChronoUnit.SECONDS)
                    .continuousUpdate()
                    .build();
            System.err.printf(Locale.ROOT, "%s (%,d parameters%s)%n", label, parameters, resumed);
        } else {
            out.printf(Locale.ROOT, "%s: %,d parameters, %d steps%s%n", label, parameters, steps, resumed);
            out.flush();
        }
    }

    @Override
    public void step(int step, float loss, double tokensPerSecond) {
        if (bar != null) {
            bar.stepTo(step);
            bar.setExtraMessage(String.format(Locale.ROOT, "loss %.3f, %,.0f tok/s", loss, tokensPerSecond));
        }
    }

    @Override
    public void validated(int step, Map<String, Double> metrics) {
        String line = String.format(Locale.ROOT, "step %d/%d valid loss %.4f%s", step, steps, metrics.get("loss"),
                metrics.containsKey(metric) && !metric.equals("loss") ? ", " + metric + " " + format(metrics.get(metric)) : "");
        if (bar == null) {
            out.println("  " + line);
            out.flush();
        }
    }

    @Override
    public void runFinished(PlannedRun run, RunResult result) {
        metric = run.variant().config().evaluation().metric();
        if (bar != null) {
            bar.close();
            bar = null;
        }
        String detail = switch (result.status()) {
            case COMPLETED -> String.format(Locale.ROOT, "%s %s = %s (%s, step %d), %,.0f tok/s, %.0f s",
                    result.status().label(), metric, format(result.metrics().get(metric)), result.split(),
                    result.bestStep(), orZero(result.trainTokensPerSecond()), result.wallSeconds());
            case DIVERGED -> "diverged at step " + result.divergedAtStep();
            case FAILED -> "failed: " + result.error();
        };
        out.printf("%s: %s%n", label, detail);
        out.flush();
    }

    @Override
    public void runSkipped(int index, int total, PlannedRun run, String reason) {
        out.printf(Locale.ROOT, "run %d/%d %s seed %d: skipped (%s)%n", index, total, run.variant().id(), run.seed(), reason);
        out.flush();
    }

    static String format(Double value) {
        if (value == null) {
            return "-";
        }
        return Math.abs(value) >= 100 ? String.format(Locale.ROOT, "%.1f", value) : String.format(Locale.ROOT, "%.4f", value);
    }

    private static double orZero(Double value) {
        return value == null ? 0 : value;
    }
}
