package dev.ablate.core.config;

/**
 * One problem in a config or spec file, located as precisely as the input allows.
 *
 * @param source the file (or another name for the input); may be empty
 * @param path the JSON path of the offending value, e.g. {@code model.attention.window}; empty for
 *     the document as a whole
 * @param line 1-based line, or 0 when unknown
 * @param column 1-based column, or 0 when unknown
 * @param message what was expected, what was found, and what is known
 */
public record ConfigProblem(String source, String path, int line, int column, String message) {

    /** {@code file:line:column: path: message}, leaving out the parts that are unknown. */
    public String format() {
        StringBuilder s = new StringBuilder();
        if (!source.isEmpty()) {
            s.append(source);
            if (line > 0) {
                s.append(':').append(line).append(':').append(column);
            }
            s.append(": ");
        }
        if (!path.isEmpty()) {
            s.append(path).append(": ");
        }
        return s.append(message).toString();
    }
}
