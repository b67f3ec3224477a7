package dev.ablate.cli;

import dev.ablate.bench.AttentionBenchmark;
import dev.ablate.bench.BenchPlan;
import dev.ablate.bench.BenchVariants;
import dev.ablate.bench.JvmCommand;
import dev.ablate.bench.PointProcess;
import dev.ablate.core.device.Devices;
import dev.ablate.core.registry.ComponentRegistry;
import dev.ablate.reports.bench.BenchFit;
import dev.ablate.reports.bench.BenchPoint;
import dev.ablate.reports.bench.BenchResult;
import dev.ablate.reports.complexity.Units;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code ablate bench}: measurements of components outside a model; so far {@code bench attention}. */
@Command(
        name = "bench",
        header = "Benchmark components: time and memory against sequence length.",
        description = "Benchmarks of single components, outside any model. 'ablate bench attention' measures how "
                + "attention layers scale with the sequence length.",
        mixinStandardHelpOptions = true,
        subcommands = {BenchCommand.Attention.class, BenchCommand.AttentionPoint.class})
final class BenchCommand extends Subcommand implements Runnable {

    @Override
    public void run() {
        usage();
    }

    /** {@code ablate bench attention}: the scaling benchmark. */
    @Command(
            name = "attention",
            header = "Time and memory of one attention layer, forward + backward, against n.",
            description = {
                "For each variant and each sequence length n: one attention layer, built through the plugin "
                        + "registry as the models build self-attention (not causal, no padding mask), on a random "
                        + "input [batch, n, d-model]; one pass is the forward pass in training mode and the backward "
                        + "pass of the sum of the output, with gradients for every parameter. Each point runs "
                        + "--warmup untimed passes, then --repeats timed ones; its time is their median.",
                "",
                "Each point runs in a fresh child process (the same Java, module path and JVM options), so its "
                        + "memory is its own and a crash costs one point. Memory on the CPU: the child's peak "
                        + "resident memory (VmHWM) above its baseline, taken after a tiny warm-up pass that loads the "
                        + "kernels (peak reset through /proc/self/clear_refs); 'not measured' where /proc is missing. "
                        + "On a GPU: device memory in use after the point minus before (PyTorch's caching allocator "
                        + "keeps its blocks, so this is the peak reserved memory).",
                "",
                "Variants (--variants): comma-separated id[:key=value...], values as JSON scalars; a token with "
                        + "'=' but no ':' adds to the variant before it, so 'restricted:window=32,dropout=0.1,full' is "
                        + "two variants. Settings left out take the plugin's defaults; attention dropout defaults to "
                        + "0 in every built-in plugin, so the benchmark runs without dropout unless you set it, "
                        + "as in full:dropout=0.1.",
                "",
                "An allocation failure (PyTorch or Java out of memory, or a child killed by the kernel) and a "
                        + "point over --timeout are recorded as points with an \"error\" and the benchmark goes on. "
                        + "Fits: per variant, the least-squares slopes of log(time) and of log(memory) against log(n) "
                        + "over the points without an error (n >= --fit-min): about 2 means quadratic, 1 linear.",
                "",
                "Writes DIR/bench.json (atomically): {\"points\": [{\"variant\", \"n\", \"timeMs\", \"memoryBytes\", "
                        + "\"repeatsMs\", \"error\" when failed}], \"fits\": [{\"variant\", \"timeSlope\", "
                        + "\"memorySlope\", ...}], \"settings\": {...}}, and beside it bench.html and bench.md with "
                        + "log-log charts (DIR/charts); `ablate report DIR` of a run store includes a bench.json found "
                        + "there. Progress goes to stderr, the table and the slopes to stdout.",
                "",
                "Exit status: 0 when every point was measured or ran out of memory or time, 2 for invalid input, "
                        + "1 when a point failed otherwise (its error says why; the file is written anyway)."},
            mixinStandardHelpOptions = true)
    static final class Attention implements Callable<Integer> {

        @ParentCommand
        BenchCommand bench;

        @Spec
        CommandSpec spec;

        @Option(names = "--lengths", paramLabel = "N", split = ",", defaultValue = "256,512,1024,2048,4096",
                description = "Sequence lengths (default: ${DEFAULT-VALUE}).")
        List<Integer> lengths;

        @Option(names = "--variants", paramLabel = "VARIANTS", defaultValue = "full,restricted,additive",
                description = "Attention variants, id[:key=value...] separated by commas (default: ${DEFAULT-VALUE}, "
                        + "each with its defaults; restricted's window is 16).")
        String variants;

        @Option(names = "--d-model", paramLabel = "D", defaultValue = "64",
                description = "Model width (default: ${DEFAULT-VALUE}).")
        int dModel;

        @Option(names = "--heads", paramLabel = "H", defaultValue = "4",
                description = "Heads; must divide --d-model (default: ${DEFAULT-VALUE}).")
        int heads;

        @Option(names = "--batch", paramLabel = "B", defaultValue = "1",
                description = "Sequences per pass (default: ${DEFAULT-VALUE}).")
        int batch;

        @Option(names = "--device", paramLabel = "DEVICE", defaultValue = "auto",
                description = "Where to run: " + Devices.USAGE + " (default: ${DEFAULT-VALUE}: the first GPU if PyTorch "
                        + "sees one, else the CPU).")
        String device;

        @Option(names = "--warmup", paramLabel = "K", defaultValue = "2",
                description = "Untimed passes per point before the timed ones (default: ${DEFAULT-VALUE}).")
        int warmup;

        @Option(names = "--repeats", paramLabel = "K", defaultValue = "5",
                description = "Timed passes per point; the point's time is their median (default: ${DEFAULT-VALUE}).")
        int repeats;

        @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "600",
                description = "Limit on one point, child start-up included; a point over it is recorded as an error "
                        + "(default: ${DEFAULT-VALUE}).")
        int timeout;

        @Option(names = "--fit-min", paramLabel = "N",
                description = "Fit the slopes only over n >= N (default: every length).")
        Integer fitMin;

        @Option(names = "--out", paramLabel = "DIR", defaultValue = "runs/bench",
                description = "Output folder for bench.json (default: ${DEFAULT-VALUE}).")
        Path out;

        @Override
        public Integer call() throws IOException, InterruptedException {
            ComponentRegistry registry = bench.parent.injector().getInstance(ComponentRegistry.class);
            BenchPlan plan = new BenchPlan(BenchVariants.parse(variants, registry.json()), lengths, dModel, heads, batch,
                    Devices.describe(Devices.select(device)), warmup, repeats, Duration.ofSeconds(timeout), fitMin);
            PrintWriter console = spec.commandLine().getOut();
            PrintWriter progress = spec.commandLine().getErr();
            progress.printf(Locale.ROOT, "bench: %d points (%d variants × %d lengths) on %s, d-model %d, %d heads, "
                    + "batch %d, one fresh process each -> %s%n", plan.points(), plan.variants().size(),
                    plan.lengths().size(), plan.device(), dModel, heads, batch, out.resolve(BenchResult.FILE));
            progress.flush();

            long start = System.nanoTime();
            PointProcess children = new PointProcess(
                    JvmCommand.of(Main.class, PointProcess.CHILD_JVM_OPTIONS, childArguments()), plan.timeout());
            AttentionBenchmark benchmark = new AttentionBenchmark(children,
                    AblateCommand.Version.versions().getProperty("ablate"));
            AttentionBenchmark.Outcome outcome = benchmark.run(plan, out, (index, total, p, seconds) -> {
                progress.printf(Locale.ROOT, "bench [%d/%d] %s n=%d: %s (%.1f s)%n", index, total, p.variant(), p.n(),
                        p.ok() ? time(p) + ", " + memory(p) : p.error(), seconds);
                progress.flush();
            });

            printSummary(console, outcome.result());
            console.printf(Locale.ROOT, "bench: %s (%.0f s)%n       %s, %s (charts in %s)%n", outcome.file(),
                    (System.nanoTime() - start) / 1e9, outcome.pages().html(), outcome.pages().markdown(),
                    out.resolve("charts"));
            console.flush();
            if (outcome.failed()) {
                spec.commandLine().getErr().println("ablate: some points failed (not out of memory or time); "
                        + "their errors are in the table and in " + outcome.file());
                return 1;
            }
            return 0;
        }

        /** The child's command line: this run's plugins, then the hidden point command. */
        private List<String> childArguments() {
            List<String> arguments = new ArrayList<>(bench.parent.pluginArguments());
            arguments.addAll(List.of("bench", "attention-point"));
            return arguments;
        }

        private static void printSummary(PrintWriter console, BenchResult result) {
            List<String[]> rows = new ArrayList<>();
            rows.add(new String[] {"variant", "n", "time ms", "memory"});
            for (BenchPoint p : result.points()) {
                rows.add(p.ok()
                        ? new String[] {p.variant(), String.valueOf(p.n()), time(p), memory(p)}
                        : new String[] {p.variant(), String.valueOf(p.n()), "-", p.error()});
            }
            ConsoleTable.print(console, rows);
            Integer fitMin = result.settings().fitMin();
            console.println();
            console.println("fitted exponents: time ∝ n^slope, memory ∝ n^slope (least squares in log-log, points "
                    + "without error" + (fitMin == null ? "" : ", n >= " + fitMin) + ")");
            List<String[]> fits = new ArrayList<>();
            fits.add(new String[] {"variant", "time slope", "memory slope", "points"});
            for (BenchFit f : result.fits()) {
                fits.add(new String[] {f.variant(), slope(f.timeSlope()), slope(f.memorySlope()),
                    String.valueOf(f.timePoints())});
            }
            ConsoleTable.print(console, fits);
        }

        private static String time(BenchPoint p) {
            double ms = p.timeMs();
            return String.format(Locale.ROOT, ms >= 100 ? "%.0f" : ms >= 10 ? "%.1f" : "%.2f", ms) + " ms";
        }

        private static String memory(BenchPoint p) {
            return p.memoryBytes() == null ? "not measured" : Units.bytes(p.memoryBytes());
        }

        private static String slope(Double s) {
            return s == null ? "-" : String.format(Locale.ROOT, "%.2f", s);
        }
    }

    /**
     * {@code ablate bench attention-point SPEC}: the child side of {@code bench attention}, hidden
     * from the help. Measures one point in this fresh process and prints it as one JSON line.
     */
    @Command(name = "attention-point", hidden = true,
            description = "Internal: measure one point of 'bench attention' in this process; prints one JSON line.")
    static final class AttentionPoint implements Callable<Integer> {

        @ParentCommand
        BenchCommand bench;

        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "SPEC", description = "The point, as JSON.")
        String point;

        @Override
        public Integer call() {
            ComponentRegistry registry = bench.parent.injector().getInstance(ComponentRegistry.class);
            PointProcess.runChild(registry, point, spec.commandLine().getOut());
            return 0;
        }
    }
}
