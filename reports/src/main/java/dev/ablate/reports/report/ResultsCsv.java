package dev.ablate.reports.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import dev.ablate.reports.store.StoredExperiment;
import dev.ablate.reports.store.StoredRun;
import dev.ablate.store.MetricDescriptor;
import dev.ablate.store.RunResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * results.csv: one row per planned run (tidy data, ready for pandas or a spreadsheet), finished or not,
 * with every metric as its own column. Empty cells are values that do not exist (a failed run's metrics).
 */
public final class ResultsCsv {

    private static final CsvMapper CSV = new CsvMapper();

    private ResultsCsv() {}

    public static List<String> columns(StoredExperiment experiment) {
        List<String> columns = new ArrayList<>(List.of("experiment", "variant", "seed", "status"));
        experiment.metrics().stream().map(MetricDescriptor::name).forEach(columns::add);
        columns.addAll(List.of("split", "checkpoint", "bestStep", "steps", "parameters", "trainTokensPerSecond",
                "medianStepMs", "wallSeconds", "device", "peakGpuMemoryBytes", "divergedAtStep", "error"));
        return columns;
    }

    public static List<Map<String, String>> rows(StoredExperiment experiment) {
        List<String> columns = columns(experiment);
        List<Map<String, String>> rows = new ArrayList<>();
        for (StoredRun run : experiment.runs()) {
            Map<String, String> row = new LinkedHashMap<>();
            columns.forEach(c -> row.put(c, ""));
            row.put("experiment", experiment.name());
            row.put("variant", run.variant());
            row.put("seed", String.valueOf(run.seed()));
            row.put("status", run.status());
            RunResult r = run.result();
            if (r != null) {
                if (r.metrics() != null) {
                    r.metrics().forEach((k, v) -> {
                        if (row.containsKey(k)) {
                            row.put(k, text(v));
                        }
                    });
                }
                row.put("split", text(r.split()));
                row.put("checkpoint", text(r.checkpoint()));
                row.put("bestStep", text(r.bestStep()));
                row.put("steps", String.valueOf(r.steps()));
                row.put("parameters", String.valueOf(r.parameters()));
                row.put("trainTokensPerSecond", text(r.trainTokensPerSecond()));
                row.put("medianStepMs", text(r.medianStepMs()));
                row.put("wallSeconds", String.valueOf(r.wallSeconds()));
                row.put("device", text(r.device()));
                row.put("peakGpuMemoryBytes", text(r.peakGpuMemoryBytes()));
                row.put("divergedAtStep", text(r.divergedAtStep()));
                row.put("error", text(r.error()));
            }
            rows.add(row);
        }
        return rows;
    }

    public static String write(StoredExperiment experiment) {
        CsvSchema.Builder schema = CsvSchema.builder().setUseHeader(true);
        columns(experiment).forEach(schema::addColumn);
        try {
            return CSV.writer(schema.build()).writeValueAsString(rows(experiment));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads a results.csv back: one map per row, by column name. */
    public static List<Map<String, String>> read(String csv) {
        try (MappingIterator<Map<String, String>> it = CSV.readerForMapOf(String.class)
                .with(CsvSchema.emptySchema().withHeader()).readValues(csv)) {
            return it.readAll();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String text(Object value) {
        return value == null ? "" : String.valueOf(value);
    }
}
