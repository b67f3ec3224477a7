package dev.ablate.reports.report;

import dev.ablate.core.io.AtomicFiles;
import dev.ablate.reports.bench.BenchFit;
import dev.ablate.reports.bench.BenchPoint;
import dev.ablate.reports.bench.BenchResult;
import dev.ablate.reports.bench.BenchSettings;
import dev.ablate.reports.charts.ScalingChart;
import dev.ablate.reports.charts.Svg;
import dev.ablate.reports.complexity.Units;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import org.knowm.xchart.XYChart;

/**
 * The attention scaling benchmark as a report: bench.html and bench.md beside bench.json (charts in
 * {@code charts/}), and the same section inside an experiment's report when its folder holds a bench.json.
 */
public final class BenchReport {

    /** The files written. */
    public record Written(Path html, Path markdown, List<Path> charts) {}

    private BenchReport() {}

    /** Writes bench.html, bench.md and their charts into {@code folder}. */
    public static Written write(Path folder, BenchResult bench, String ablateVersion) throws IOException {
        Section section = section(folder, bench);
        Map<String, Object> context = new LinkedHashMap<>(section.context());
        context.put("version", ablateVersion);
        Path html = folder.resolve("bench.html");
        Path markdown = folder.resolve("bench.md");
        AtomicFiles.writeString(html, ReportWriter.template("bench.html.mustache", true).execute(context));
        AtomicFiles.writeString(markdown, ReportWriter.template("bench.md.mustache", false).execute(context));
        return new Written(html, markdown, section.charts());
    }

    /**
     * The bench section: its template context ({@code settings}, the {@code points} and {@code fits}
     * tables in HTML and Markdown, {@code charts}) and the chart files, already written to {@code folder/charts}.
     */
    record Section(Map<String, Object> context, List<Path> charts) {}

    static Section section(Path folder, BenchResult bench) throws IOException {
        BenchSettings s = bench.settings();
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("settings", s == null ? "settings not recorded" : String.format(Locale.ROOT, "one attention layer, d_model = %d, %d heads, batch %d, on %s; "
                + "forward + backward, median of %d repeats after %d warm-up passes; memory: %s",
                s.dModel(), s.heads(), s.batch(), s.device(), s.repeats(), s.warmup(), s.memory()));
        Table points = points(bench);
        Table fits = fits(bench, s);
        c.put("points", points.html());
        c.put("pointsMd", points.markdown());
        c.put("fits", fits.html());
        c.put("fitsMd", fits.markdown());
        List<Map<String, Object>> charts = new ArrayList<>();
        List<Path> files = new ArrayList<>();
        chart(folder, charts, files, "bench-time.svg", "Time against n (log-log)",
                "Forward + backward time of one attention layer; the slope of each line is the fitted exponent.",
                ScalingChart.chart("Time against n", "time per pass (ms)", lines(bench, BenchPoint::timeMs, BenchFit::timeSlope)));
        chart(folder, charts, files, "bench-memory.svg", "Memory against n (log-log)",
                "Peak memory of the pass above the process's baseline.",
                ScalingChart.chart("Memory against n", "peak memory (bytes)",
                        lines(bench, p -> p.memoryBytes() == null ? null : p.memoryBytes().doubleValue(), BenchFit::memorySlope)));
        c.put("charts", charts);
        return new Section(c, List.copyOf(files));
    }

    private static void chart(Path folder, List<Map<String, Object>> charts, List<Path> files, String file, String title,
            String caption, XYChart chart) throws IOException {
        if (chart == null) {
            return;
        }
        String svg = Svg.of(chart, file.replace(".svg", ""));
        Path path = folder.resolve("charts").resolve(file);
        AtomicFiles.writeString(path, svg);
        files.add(path);
        charts.add(Map.of("file", "charts/" + file, "title", title, "caption", caption, "svg", svg));
    }

    private static List<ScalingChart.Line> lines(BenchResult bench, Function<BenchPoint, Double> value,
            Function<BenchFit, Double> slope) {
        List<ScalingChart.Line> lines = new ArrayList<>();
        for (String variant : variants(bench)) {
            List<Integer> n = new ArrayList<>();
            List<Double> values = new ArrayList<>();
            bench.points().stream().filter(p -> p.variant().equals(variant) && p.ok())
                    .sorted(java.util.Comparator.comparingInt(BenchPoint::n)).forEach(p -> {
                        Double v = value.apply(p);
                        if (v != null && v > 0) {
                            n.add(p.n());
                            values.add(v);
                        }
                    });
            Double k = bench.fits().stream().filter(f -> f.variant().equals(variant)).findFirst().map(slope).orElse(null);
            lines.add(new ScalingChart.Line(variant + (k == null ? "" : String.format(Locale.ROOT, " (slope %.2f)", k)),
                    n, values));
        }
        return lines;
    }

    private static List<String> variants(BenchResult bench) {
        return bench.points().stream().map(BenchPoint::variant).distinct().toList();
    }

    private static Table points(BenchResult bench) {
        List<Integer> lengths = bench.points().stream().map(BenchPoint::n).distinct().sorted().toList();
        List<String> header = new ArrayList<>(List.of("variant"));
        lengths.forEach(n -> header.add("n = " + n));
        List<List<Table.Cell>> rows = new ArrayList<>();
        for (String variant : variants(bench)) {
            List<Table.Cell> row = new ArrayList<>(List.of(Table.Cell.of(variant)));
            for (int n : lengths) {
                BenchPoint p = bench.points().stream().filter(q -> q.variant().equals(variant) && q.n() == n)
                        .findFirst().orElse(null);
                row.add(Table.Cell.of(p == null ? "–" : !p.ok() ? p.error()
                        : Numbers.format(p.timeMs()) + " ms" + (p.memoryBytes() == null ? "" : ", " + Units.bytes(p.memoryBytes()))));
            }
            rows.add(row);
        }
        List<Boolean> numeric = new ArrayList<>(List.of(false));
        lengths.forEach(n -> numeric.add(true));
        return new Table(header, rows, numeric);
    }

    private static Table fits(BenchResult bench, BenchSettings s) {
        String range = s == null || s.fitMin() == null ? "all lengths" : "n ≥ " + s.fitMin();
        List<List<Table.Cell>> rows = new ArrayList<>();
        for (BenchFit f : bench.fits()) {
            rows.add(List.of(Table.Cell.of(f.variant()),
                    Table.Cell.of(f.timeSlope() == null ? "–" : String.format(Locale.ROOT, "%.2f", f.timeSlope())),
                    Table.Cell.of(f.memorySlope() == null ? "not measured" : String.format(Locale.ROOT, "%.2f", f.memorySlope()))));
        }
        return new Table(List.of("variant", "time slope (" + range + ")", "memory slope (" + range + ")"), rows,
                List.of(false, true, true));
    }
}
