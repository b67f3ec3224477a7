package dev.ablate.cli;

import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.ablate.reports.status.SweepStatus;
import dev.ablate.reports.status.SweepStatus.Row;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ablate status DIR}: where every planned run of a sweep stands, from the run store alone. */
@Command(
        name = "status",
        header = "Show where every run of a run store stands.",
        description = {"Read DIR (what `ablate run` writes) and print one line per planned run: pending (not "
                + "started), running (a process holds the run's lock: its pid@host and since when, the last "
                + "step it logged and when), interrupted (started, no result, nobody training it: the next "
                + "`ablate run` resumes it from its checkpoint), completed (with the spec's metric), diverged "
                + "(at which step) or failed (with the error; the next `ablate run` retries it). It reads "
                + "files only and writes none, so it is safe while workers train.",
                "",
                "Exit status 0 whatever the runs' states; 2 when DIR is not a run store."},
        mixinStandardHelpOptions = true)
final class StatusCommand extends Subcommand implements Callable<Integer> {

    @Parameters(paramLabel = "DIR", description = "The run store folder, e.g. runs/quick-attention.")
    Path dir;

    @Option(names = "--json", description = "Print JSON: {\"experiment\", \"runs\": [{\"variant\", \"seed\", \"state\", "
            + "\"step\", \"steps\", \"holder\", \"updated\", \"metric\", \"value\", \"error\"}, ...]} (absent fields omitted).")
    boolean json;

    @Override
    public Integer call() throws IOException {
        SweepStatus status = SweepStatus.read(dir);
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(JsonMapper.builder().build().writerWithDefaultPrettyPrinter().writeValueAsString(status));
        } else {
            print(out, status, Instant.now());
        }
        out.flush();
        return 0;
    }

    static void print(PrintWriter out, SweepStatus status, Instant now) {
        List<String> counts = new ArrayList<>();
        status.counts().forEach((state, n) -> {
            if (n > 0) {
                counts.add(n + " " + state.label());
            }
        });
        out.println(status.experiment() + ": " + status.runs().size() + " runs: " + String.join(", ", counts));
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
            case RUNNING -> r.holder() + (r.updated() == null ? "" : "; last logged " + ago(r.updated(), now));
            case INTERRUPTED -> "resumes on the next run" + (r.updated() == null ? "" : "; last logged " + ago(r.updated(), now));
            case FAILED -> r.error() == null ? "" : r.error().lines().findFirst().orElse("");
            case DIVERGED -> "loss not finite";
            case PENDING -> "";
        };
    }

    private static String ago(String instant, Instant now) {
        Duration d = Duration.between(Instant.parse(instant), now);
        long s = Math.max(0, d.getSeconds());
        return s < 120 ? s + " s ago" : s < 7200 ? s / 60 + " min ago" : s / 3600 + " h ago";
    }
}
