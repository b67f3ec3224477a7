package dev.ablate.experiments.spec;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ablate.core.config.ConfigProblem;
import dev.ablate.core.error.DidYouMean;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** The problems found while reading one spec, each located in the file where it can be, and each reported once. */
final class SpecProblems {

    private final String source;
    private final Set<ConfigProblem> problems = new LinkedHashSet<>();
    private final Set<String> reported = new HashSet<>();
    private JsonLocations locations;

    SpecProblems(String source) {
        this.source = source;
    }

    String source() {
        return source;
    }

    /** Where values sit in the spec's text, once it parsed. */
    void locate(JsonLocations locations) {
        this.locations = locations;
    }

    /** Whether this problem (of any variant) was reported at {@code path} already. */
    boolean reported(String path, String message) {
        return reported.contains(key(path, message));
    }

    int count() {
        return problems.size();
    }

    List<ConfigProblem> all() {
        return List.copyOf(problems);
    }

    void add(String path, String message) {
        int[] at = locations == null ? new int[] {0, 0} : locations.find(path);
        // One bad axis value shows up in every grid point it is part of: report it once.
        if (reported.add(key(path, message))) {
            problems.add(new ConfigProblem(source, path, at[0], at[1], message));
        }
    }


    void checkFields(JsonNode node, String at, List<String> known) {
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String field = it.next();
            if (!known.contains(field)) {
                add(JsonLocations.field(at, field), "unknown field '" + field + "'; known fields: "
                        + String.join(", ", known) + "." + DidYouMean.hint(field, known));
            }
        }
    }


    private static String key(String path, String message) {
        return path + "\n" + message.replaceFirst(" \\(in variant .*\\)$", "");
    }

}
