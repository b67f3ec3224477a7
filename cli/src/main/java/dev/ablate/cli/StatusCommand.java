package dev.ablate.cli;

import dev.ablate.reports.status.SweepStatus;
import dev.ablate.core.error.UserException;
import dev.ablate.reports.status.SweepStatus.Row;
import dev.ablate.reports.status.SweepStatus.State;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ablate status DIR}: where every planned run of a sweep stands, from the run store alone. */
@Command(
        name = "status",
        header = "Show where every run of a run store stands.",
        description = {"Read DIR (what `ablate run` and Slurm tasks of `ablate slurm submit` write) and print one "
                + "line per planned run: pending (not started), running (a process holds the run's lock: its "
                + "host, Slurm job, step, last heartbeat and time left), stale (its lock is held but its worker "
                + "sent no heartbeat for 2 minutes: likely dead, e.g. a node lost with its lock on a shared "
                + "filesystem), interrupted (started, no result, nobody training it: the next `ablate run` or "
                + "`ablate slurm submit` resumes it from its checkpoint), completed (with the spec's metric), "
                + "diverged (at which step) or failed (with the error; the next run or submit retries it). The "
                + "first line counts the states and gives a rough time to the end. It reads files only and "
                + "writes none, so it is safe on a login node while workers train.",
                "",
                "Exit status 0 whatever the runs' states; 2 when DIR is not a run store."},
        mixinStandardHelpOptions = true)
final class StatusCommand extends Subcommand implements Callable<Integer> {

    @Parameters(paramLabel = "DIR", description = "The run store folder, e.g. runs/quick-attention.")
    Path dir;

    @Option(names = "--json", description = "Print JSON: {\"experiment\", \"etaSeconds\", \"runs\": [{\"variant\", "
            + "\"seed\", \"state\", \"step\", \"steps\", \"holder\", \"host\", \"job\", \"heartbeat\", \"updated\", "
            + "\"etaSeconds\", \"metric\", \"value\", \"error\"}, ...]} (absent fields omitted).")
    boolean json;

    @Option(names = "--watch", paramLabel = "SECONDS", arity = "0..1", fallbackValue = "10",
            description = "Print the status again every SECONDS (default ${FALLBACK-VALUE}) until no run is pending, "
                    + "running or stale; Ctrl-C stops watching.")
    Integer watch;

    @Override
    public Integer call() throws IOException, InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        if (watch != null && watch < 1) {
            throw new UserException("--watch: must be at least 1 second (got " + watch + ")");
        }
        boolean terminal = System.console() != null;
        while (true) {
            SweepStatus status = SweepStatus.read(dir);
            if (watch != null && terminal && !json) {
                out.print("\033[H\033[2J");
            }
            if (json) {
                printJson(out, status);
            } else {
                print(out, status, Instant.now());
            }
            out.flush();
            if (watch == null || settled(status)) {
                return 0;
            }
            Thread.sleep(watch * 1000L);
            if (!terminal && !json) {
                out.println();
            }
        }
    }

    /** Nothing will change by itself: no run waits to start or is being trained. */
    private static boolean settled(SweepStatus status) {
        Map<State, Integer> counts = status.counts();
        return counts.get(State.PENDING) + counts.get(State.RUNNING) + counts.get(State.STALE) == 0;
    }

    static void print(PrintWriter out, SweepStatus status, Instant now) {
        List<String> counts = new ArrayList<>();
        status.counts().forEach((state, n) -> {
            if (n > 0) {
                counts.add(n + " " + state.label());
            }
        });
        out.println(status.experiment() + ": " + status.runs().size() + " runs: " + String.join(", ", counts)
                + (status.etaSeconds() == null ? "" : "; about " + duration(status.etaSeconds()) + " to go"));
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"variant", "seed", "state", "step", "detail"});
        for (Row r : status.runs()) {
            String step = r.step() == null ? "-" : r.step() + "/" + r.steps();
            rows.add(new String[] {r.variant(), String.valueOf(r.seed()), r.state().label(), step, detail(r, now)});
        }
        ConsoleTable.print(out, rows);
    }

    private static String detail(Row r, Instant now) {
        return switch (r.state()) {
            case COMPLETED -> r.value() == null ? "" : r.metric() + " " + String.format(Locale.ROOT, "%.4f", r.value());
            case RUNNING -> String.join("; ", present(where(r),
                    r.heartbeat() == null ? null : "heartbeat " + ago(r.heartbeat(), now),
                    r.etaSeconds() == null ? null : duration(r.etaSeconds()) + " left"));
            case STALE -> "held by " + r.holder() + " but no heartbeat "
                    + (r.heartbeat() == null ? "" : "since " + ago(r.heartbeat(), now))
                    + ": its worker is likely dead; resumed once the lock is free";
            case INTERRUPTED -> "no worker; resumes on the next run or submit" + (r.heartbeat() != null
                    ? " (last heartbeat " + ago(r.heartbeat(), now) + (r.host() == null ? "" : " on " + r.host())
                            + (r.job() == null ? "" : ", Slurm " + r.job()) + ")"
                    : r.updated() == null ? "" : " (last logged " + ago(r.updated(), now) + ")");
            case FAILED -> r.error() == null ? "" : r.error().lines().findFirst().orElse("");
            case DIVERGED -> "loss not finite";
            case PENDING -> "";
        };
    }

    /** The worker: host and Slurm job from its heartbeat, or the lock's holder line. */
    private static String where(Row r) {
        if (r.host() == null) {
            return r.holder();
        }
        return r.host() + (r.job() == null ? "" : ", Slurm " + r.job());
    }

    private static List<String> present(String... parts) {
        List<String> kept = new ArrayList<>();
        for (String p : parts) {
            if (p != null && !p.isEmpty()) {
                kept.add(p);
            }
        }
        return kept;
    }

    static String duration(double seconds) {
        long s = Math.round(seconds);
        return s < 120 ? s + " s" : s < 7200 ? s / 60 + " min" : String.format(Locale.ROOT, "%.1f h", s / 3600.0);
    }

    private static String ago(String instant, Instant now) {
        Duration d = Duration.between(Instant.parse(instant), now);
        long s = Math.max(0, d.getSeconds());
        return s < 120 ? s + " s ago" : s < 7200 ? s / 60 + " min ago" : s / 3600 + " h ago";
    }
}
