package dev.ablate.store;

import dev.ablate.core.io.AtomicFiles;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An experiment's folder, {@code runs/<name>/}: experiment.json (the resolved spec and its hash),
 * one folder per run, and results.json (every run's result, rebuilt from the runs' own
 * result.json files at the end of each sweep). The format is documented in docs/run-store.md.
 */
public final class RunStore {

    private final Path root;
    private final ObjectMapper mapper;

    public RunStore(Path root, ObjectMapper mapper) {
        this.root = root;
        this.mapper = mapper;
    }

    public Path root() {
        return root;
    }

    public RunDirectory run(String variantId, int seed) {
        return new RunDirectory(root.resolve(variantId).resolve("seed-" + seed), mapper);
    }

    public void writeExperiment(Object experiment) throws IOException {
        Files.createDirectories(root);
        AtomicFiles.writeString(root.resolve("experiment.json"),
                mapper.writerWithDefaultPrettyPrinter().writeValueAsString(experiment));
    }

    /** Writes results.json: {@code {"experiment": name, "runs": [...]}}. */
    public void writeResults(String experiment, List<RunResult> runs) throws IOException {
        Map<String, Object> results = new LinkedHashMap<>();
        results.put("experiment", experiment);
        results.put("runs", runs);
        AtomicFiles.writeString(root.resolve("results.json"), mapper.writerWithDefaultPrettyPrinter().writeValueAsString(results));
    }
}
