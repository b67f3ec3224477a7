package dev.ablate.reports.report;

import dev.ablate.core.io.AtomicFiles;
import dev.ablate.reports.stats.Estimate;
import dev.ablate.reports.verdict.StoreComparison;
import dev.ablate.reports.verdict.StoreComparison.Change;
import dev.ablate.reports.verdict.StoreComparison.Row;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The page of `ablate compare OLD NEW`: compare.html and compare.md. */
public final class CompareReport {

    /** The two files written. */
    public record Written(Path html, Path markdown) {}

    private CompareReport() {}

    public static Written write(StoreComparison comparison, Path oldRoot, Path newRoot, Path folder, String version)
            throws IOException {
        Table table = table(comparison);
        List<String> notes = new ArrayList<>(comparison.notes());
        for (Row r : comparison.rows()) {
            r.notes().forEach(n -> notes.add(r.variant() + ", " + r.metric() + ": " + n));
        }
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("oldName", comparison.oldExperiment());
        c.put("newName", comparison.newExperiment());
        c.put("oldRoot", oldRoot.toString());
        c.put("newRoot", newRoot.toString());
        c.put("version", version);
        c.put("level", (int) (Estimate.LEVEL * 100));
        c.put("table", table.html());
        c.put("tableMd", table.markdown());
        c.put("changes", comparison.changes());
        c.put("hasChanges", !comparison.changes().isEmpty());
        c.put("notes", notes);
        c.put("hasNotes", !notes.isEmpty());
        Path html = folder.resolve("compare.html");
        Path markdown = folder.resolve("compare.md");
        AtomicFiles.writeString(html, ReportWriter.template("compare.html.mustache", true).execute(c));
        AtomicFiles.writeString(markdown, ReportWriter.template("compare.md.mustache", false).execute(c));
        return new Written(html, markdown);
    }

    private static Table table(StoreComparison comparison) {
        List<List<Table.Cell>> rows = new ArrayList<>();
        for (Row r : comparison.rows()) {
            rows.add(List.of(
                    Table.Cell.of(r.variant()),
                    Table.Cell.of(r.metric() + (r.higherIsBetter() ? " ↑" : " ↓")),
                    Table.Cell.of(Numbers.meanStd(r.before())),
                    Table.Cell.of(Numbers.meanStd(r.after())),
                    Table.Cell.of(r.difference() == null ? "–" : Numbers.signed(r.difference().mean())),
                    Table.Cell.of(Numbers.interval(r.difference())),
                    Table.Cell.of(String.valueOf(r.seeds().size())),
                    new Table.Cell(r.change().label(), r.change() == Change.IMPROVED)));
        }
        return new Table(List.of("variant", "metric", "old", "new", "Δ (new − old)", "95% interval", "seeds", "change"),
                rows, List.of(false, false, true, true, true, true, true, false));
    }
}
