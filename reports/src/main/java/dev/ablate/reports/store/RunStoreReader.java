package dev.ablate.reports.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.ablate.core.error.UserException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a run store folder ({@code runs/<name>/}) as written by {@code ablate run}; nothing else. A
 * store copied from another machine reads the same. A run still being written is read as it stands:
 * without result.json it is unfinished, and a last metrics.jsonl line cut short is skipped.
 */
public final class RunStoreReader {

    private static final ObjectMapper JSON = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private RunStoreReader() {}

    public static StoredExperiment read(Path root) {
        if (!Files.isDirectory(root)) {
            throw new UserException(root + ": no such folder (a run store is what `ablate run SPEC` writes, "
                    + "by default runs/<name>)");
        }
        Path experimentFile = root.resolve("experiment.json");
        if (!Files.isRegularFile(experimentFile)) {
            throw new UserException(root + ": not a run store (no experiment.json); `ablate run SPEC` writes one");
        }
        JsonNode experiment = tree(experimentFile);
        List<Integer> seeds = new ArrayList<>();
        experiment.path("seeds").forEach(s -> seeds.add(s.asInt()));
        List<StoredVariant> variants = new ArrayList<>();
        for (JsonNode v : experiment.path("variants")) {
            variants.add(new StoredVariant(v.path("id").asText(), v.path("hash").asText(), v.path("settings"),
                    v.path("config")));
        }
        if (variants.isEmpty()) {
            throw new UserException(experimentFile + ": lists no variants");
        }
        List<MetricInfo> metrics = new ArrayList<>();
        for (JsonNode m : experiment.path("metrics")) {
            metrics.add(new MetricInfo(m.path("name").asText(), m.path("higherIsBetter").asBoolean(true)));
        }
        List<StoredRun> runs = new ArrayList<>();
        for (StoredVariant v : variants) {
            for (int seed : seeds) {
                runs.add(run(root.resolve(v.id()).resolve("seed-" + seed), v.id(), seed));
            }
        }
        if (metrics.isEmpty()) {
            // A store written before experiment.json listed its metrics: take them from the results.
            runs.stream().map(StoredRun::result).filter(r -> r != null && r.metrics() != null)
                    .flatMap(r -> r.metrics().keySet().stream()).distinct()
                    .forEach(m -> metrics.add(new MetricInfo(m, !m.equals("loss") && !m.equals("perplexity"))));
        }
        String metric = variants.get(0).config().path("evaluation").path("metric").asText("loss");
        return new StoredExperiment(root, experiment.path("experiment").asText(root.getFileName().toString()),
                text(experiment.path("spec").path("description")), experiment.path("hash").asText(""),
                text(experiment.path("baseline")), List.copyOf(seeds), text(experiment.path("taskKind")),
                taskShape(experiment), List.copyOf(metrics), metric, List.copyOf(variants), List.copyOf(runs));
    }

    /** experiment.json's taskShape; for a store written before it had one, the longest length in the task spec. */
    private static JsonNode taskShape(JsonNode experiment) {
        JsonNode shape = experiment.path("taskShape");
        if (shape.isObject()) {
            return shape;
        }
        JsonNode task = experiment.path("spec").path("task");
        long longest = 1;
        for (String field : List.of("length", "testLength", "maxLength", "context")) {
            longest = Math.max(longest, task.path(field).asLong(1));
        }
        return JSON.createObjectNode().put("maxSourceLength", longest);
    }

    private static StoredRun run(Path dir, String variant, int seed) {
        Path resultFile = dir.resolve("result.json");
        RunOutcome result = null;
        JsonNode json = null;
        if (Files.isRegularFile(resultFile)) {
            try {
                json = tree(resultFile);
                result = JSON.treeToValue(json, RunOutcome.class);
            } catch (JsonProcessingException e) {
                throw new UserException(resultFile + ": not a run result (" + e.getOriginalMessage() + ")");
            }
        }
        return new StoredRun(variant, seed, result, json, Files.isDirectory(dir), curve(dir.resolve("metrics.jsonl")));
    }

    private static List<CurvePoint> curve(Path file) {
        if (!Files.isRegularFile(file)) {
            return List.of();
        }
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (IOException e) {
            throw new UserException(file + ": cannot read (" + e.getMessage() + ")");
        }
        List<CurvePoint> points = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty()) {
                continue;
            }
            JsonNode node;
            try {
                node = JSON.readTree(line);
            } catch (JsonProcessingException e) {
                if (i == lines.size() - 1) {
                    break; // the line being written when the run was interrupted
                }
                throw new UserException(file + ":" + (i + 1) + ": not a JSON line (" + e.getOriginalMessage() + ")");
            }
            Map<String, Double> values = new LinkedHashMap<>();
            node.properties().forEach(e -> {
                if (e.getValue().isNumber() && !e.getKey().equals("step")) {
                    values.put(e.getKey(), e.getValue().asDouble());
                }
            });
            points.add(new CurvePoint(node.path("step").asInt(), node.path("split").asText(), values));
        }
        return List.copyOf(points);
    }

    private static JsonNode tree(Path file) {
        try {
            return JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new UserException(file + ": not valid JSON (" + e.getMessage() + ")");
        }
    }

    private static String text(JsonNode node) {
        return node.isTextual() ? node.asText() : null;
    }
}
