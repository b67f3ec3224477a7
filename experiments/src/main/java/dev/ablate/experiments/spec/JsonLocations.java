package dev.ablate.experiments.spec;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;

/**
 * Where each value of a JSON text starts, by path ({@code base.model.heads}, {@code seeds[1]},
 * {@code axes['model.attention'][0]}), so problems found on a parsed tree, or on a config merged
 * from several places of the file, still point at a line and column.
 */
final class JsonLocations {

    private final Map<String, int[]> starts = new HashMap<>();

    /** Indexes {@code json}, which must already be known to parse. */
    JsonLocations(String json) {
        try (JsonParser parser = new JsonFactory().createParser(json)) {
            for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
                if (token == JsonToken.FIELD_NAME || token == JsonToken.END_OBJECT || token == JsonToken.END_ARRAY) {
                    continue;
                }
                JsonLocation at = parser.currentTokenLocation();
                starts.putIfAbsent(path(parser.getParsingContext(), token), new int[] {at.getLineNr(), at.getColumnNr()});
            }
        } catch (IOException e) {
            throw new IllegalStateException("JSON parsed once but not twice", e);
        }
    }

    /** {@code [line, column]} of the value at {@code path}, or of its nearest enclosing value. */
    int[] find(String path) {
        for (String p = path; ; p = parent(p)) {
            int[] at = starts.get(p);
            if (at != null) {
                return at;
            }
            if (p.isEmpty()) {
                return new int[] {0, 0};
            }
        }
    }

    /** A field name as a path segment: {@code .heads}, or {@code ['model.attention']} when it has dots. */
    static String field(String parent, String name) {
        if (name.matches("[A-Za-z_][A-Za-z0-9_-]*")) {
            return parent.isEmpty() ? name : parent + "." + name;
        }
        return parent + "['" + name + "']";
    }

    static String index(String parent, int index) {
        return parent + "[" + index + "]";
    }

    private static String path(JsonStreamContext context, JsonToken token) {
        // A START_OBJECT/START_ARRAY token already opened its own context: describe the parent's slot.
        JsonStreamContext slot = token.isStructStart() ? context.getParent() : context;
        Deque<JsonStreamContext> chain = new ArrayDeque<>();
        for (JsonStreamContext c = slot; c != null && !c.inRoot(); c = c.getParent()) {
            chain.push(c);
        }
        String path = "";
        for (JsonStreamContext c : chain) {
            path = c.inObject() ? field(path, c.getCurrentName()) : index(path, c.getCurrentIndex());
        }
        return path;
    }

    private static String parent(String path) {
        if (path.endsWith("]")) {
            return path.substring(0, path.lastIndexOf('['));
        }
        int dot = path.lastIndexOf('.');
        return dot < 0 ? "" : path.substring(0, dot);
    }
}
