package dev.ablate.reports.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A report table: shown as Markdown in report.md and as HTML (through the template) in report.html. */
record Table(List<String> header, List<List<Cell>> rows, List<Boolean> numeric) {

    /** A cell's text, and whether it is the best value of its column. */
    record Cell(String text, boolean best) {

        static Cell of(String text) {
            return new Cell(text, false);
        }
    }

    String markdown() {
        StringBuilder s = new StringBuilder("| ").append(String.join(" | ", header.stream().map(Table::escape).toList()))
                .append(" |\n|");
        for (int i = 0; i < header.size(); i++) {
            s.append(numeric.get(i) ? "---:|" : "---|");
        }
        s.append('\n');
        for (List<Cell> row : rows) {
            s.append("| ");
            List<String> cells = new ArrayList<>();
            for (Cell c : row) {
                cells.add(c.best() ? "**" + escape(c.text()) + "**" : escape(c.text()));
            }
            s.append(String.join(" | ", cells)).append(" |\n");
        }
        return s.toString();
    }

    /** For the HTML template: {@code header}, then {@code rows} of {@code cells} with text, best and numeric. */
    Map<String, Object> html() {
        List<Map<String, Object>> htmlRows = new ArrayList<>();
        for (List<Cell> row : rows) {
            List<Map<String, Object>> cells = new ArrayList<>();
            for (int i = 0; i < row.size(); i++) {
                cells.add(Map.of("text", row.get(i).text(), "best", row.get(i).best(), "numeric", numeric.get(i)));
            }
            htmlRows.add(Map.of("cells", cells));
        }
        List<Map<String, Object>> headers = new ArrayList<>();
        for (int i = 0; i < header.size(); i++) {
            headers.add(Map.of("text", header.get(i), "numeric", numeric.get(i)));
        }
        return Map.of("header", headers, "rows", htmlRows);
    }

    private static String escape(String text) {
        return text.replace("|", "\\|").replace("\n", " ");
    }
}
