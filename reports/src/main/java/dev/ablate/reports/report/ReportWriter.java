package dev.ablate.reports.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.samskivert.mustache.Escapers;
import com.samskivert.mustache.Mustache;
import com.samskivert.mustache.Template;
import dev.ablate.core.io.AtomicFiles;
import dev.ablate.core.registry.ComponentRegistry;
import dev.ablate.reports.accuracy.Comparison;
import dev.ablate.reports.bench.BenchResult;
import dev.ablate.reports.charts.Svg;
import dev.ablate.reports.complexity.VariantComplexity;
import dev.ablate.reports.stats.Estimate;
import dev.ablate.reports.store.StoredExperiment;
import dev.ablate.reports.verdict.Verdict;
import dev.ablate.store.RunLock;
import dev.ablate.store.RunStore;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds the report of a run store folder from its files alone and writes it beside them:
 * report.html (self-contained: styles and SVG charts inline, no script, no network), report.md with
 * its charts in {@code charts/}, results.csv and results.json; a bench.json in the folder (from
 * {@code ablate bench attention}) becomes a scaling section. Every file is written atomically.
 */
public final class ReportWriter {

    /** The files written, and the verdicts on the spec's claims they show. */
    public record Written(Path html, Path markdown, Path csv, Path json, List<Path> charts, List<Verdict> verdicts) {}

    private static final ObjectMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    private final ComponentRegistry registry;

    @Inject
    public ReportWriter(ComponentRegistry registry) {
        this.registry = registry;
    }

    public Written write(Path store, String ablateVersion) throws IOException {
        return write(store, ablateVersion, null);
    }

    /**
     * Writes the report of the run store {@code store}, headed by {@code metric} (the table with
     * intervals and paired deltas, the validation curve, the Pareto charts), or by the spec's
     * evaluation metric when null. Workers finishing runs at the same time rebuild it one after
     * another (the store's report lock), each from every result there is by then.
     */
    public Written write(Path store, String ablateVersion, String metric) throws IOException {
        RunLock lock = RunStore.open(store).lockReports();
        try {
            return writeLocked(store, ablateVersion, metric);
        } finally {
            lock.close();
        }
    }

    private Written writeLocked(Path store, String ablateVersion, String metric) throws IOException {
        StoredExperiment read = StoredExperiment.read(store);
        StoredExperiment experiment = metric == null ? read : read.headedBy(metric);
        Comparison comparison = Comparison.of(experiment);
        List<VariantComplexity> complexities = VariantComplexity.of(experiment, registry);
        Report report = Report.of(comparison, complexities);

        List<Path> chartFiles = new ArrayList<>();
        List<Map<String, Object>> charts = new ArrayList<>();
        for (Report.Chart c : report.charts()) {
            String svg = Svg.of(c.chart(), c.file().replace(".svg", ""));
            Path file = store.resolve("charts").resolve(c.file());
            AtomicFiles.writeString(file, svg);
            chartFiles.add(file);
            charts.add(Map.of("file", "charts/" + c.file(), "title", c.title(), "caption", c.caption(), "svg", svg));
        }
        Map<String, Object> context = context(report, ablateVersion);
        context.put("charts", charts);
        Path benchFile = store.resolve(BenchResult.FILE);
        if (Files.isRegularFile(benchFile)) {
            BenchReport.Section bench = BenchReport.section(store, BenchResult.read(benchFile));
            chartFiles.addAll(bench.charts());
            context.put("bench", bench.context());
        }

        Path html = store.resolve("report.html");
        Path markdown = store.resolve("report.md");
        Path csv = store.resolve("results.csv");
        Path json = store.resolve("results.json");
        AtomicFiles.writeString(html, template("report.html.mustache", true).execute(context));
        AtomicFiles.writeString(markdown, template("report.md.mustache", false).execute(context));
        AtomicFiles.writeString(csv, ResultsCsv.write(experiment));
        AtomicFiles.writeString(json, JSON.writeValueAsString(ResultsJson.of(comparison, complexities,
                report.verdicts())) + "\n");
        return new Written(html, markdown, csv, json, List.copyOf(chartFiles), report.verdicts());
    }

    private static Map<String, Object> context(Report report, String ablateVersion) {
        StoredExperiment e = report.experiment();
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("name", e.name());
        c.put("description", e.description() == null ? "" : e.description());
        c.put("hash", e.hash());
        c.put("taskKind", e.taskKind() == null ? "" : e.taskKind());
        c.put("n", e.sequenceLength());
        c.put("seeds", e.seeds().toString());
        c.put("baseline", e.baseline() == null ? "" : e.baseline());
        c.put("metric", e.metric());
        c.put("level", (int) (Estimate.LEVEL * 100));
        c.put("version", ablateVersion);
        c.put("accuracy", report.accuracy().html());
        c.put("accuracyMd", report.accuracy().markdown());
        c.put("allMetrics", report.allMetrics().html());
        c.put("allMetricsMd", report.allMetrics().markdown());
        c.put("complexity", report.complexity().html());
        c.put("complexityMd", report.complexity().markdown());
        c.put("incomplete", report.incomplete());
        c.put("hasIncomplete", !report.incomplete().isEmpty());
        c.put("hasExpectations", !report.verdicts().isEmpty());
        c.put("expectations", report.expectations().html());
        c.put("expectationsMd", report.expectations().markdown());
        return c;
    }

    static Template template(String name, boolean html) {
        // The five characters HTML needs escaped; JMustache's default also escapes '=' and '`', which
        // makes variant ids like attention=full unreadable in the page's source.
        Mustache.Compiler compiler = Mustache.compiler()
                .withEscaper(html ? Escapers.simple(new String[][] {{"&", "&amp;"}, {"<", "&lt;"}, {">", "&gt;"},
                    {"\"", "&quot;"}, {"'", "&#39;"}}) : Escapers.NONE)
                .emptyStringIsFalse(true)
                .withLoader(partial -> new InputStreamReader(resource(partial + ".mustache"), StandardCharsets.UTF_8));
        try (InputStream in = resource(name)) {
            return compiler.compile(new InputStreamReader(in, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static InputStream resource(String name) {
        InputStream in = ReportWriter.class.getResourceAsStream(name);
        if (in == null) {
            throw new IllegalStateException("template " + name + " missing from the reports module");
        }
        return in;
    }
}
