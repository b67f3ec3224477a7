package dev.ablate.cli;

import java.io.PrintWriter;
import java.util.List;

/** Plain-text tables for the console: columns left-aligned, two spaces apart, no trailing blanks. */
final class ConsoleTable {

    private ConsoleTable() {}

    /** Prints {@code rows} (the first is the header), each column as wide as its widest cell. */
    static void print(PrintWriter console, List<String[]> rows) {
        int[] widths = new int[rows.get(0).length];
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.length; i++) {
                line.append(i == 0 ? "" : "  ").append(String.format("%-" + widths[i] + "s", row[i]));
            }
            console.println(line.toString().stripTrailing());
        }
    }
}
