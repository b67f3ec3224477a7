package dev.ablate.store;

import dev.ablate.core.io.AtomicFiles;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ablate.core.error.UserException;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * One run's folder, {@code <variant id>/seed-<s>/}: config.json, metrics.jsonl, checkpoint/
 * (model-STEP.params, optimizer-STEP.bin, state.json, best.params), result.json and run.lock.
 */
public final class RunDirectory {

    private final Path path;
    private final ObjectMapper mapper;

    RunDirectory(Path path, ObjectMapper mapper) {
        this.path = path;
        this.mapper = mapper;
    }

    public Path path() {
        return path;
    }

    public Optional<RunResult> result() {
        Path file = path.resolve("result.json");
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(mapper.readValue(file.toFile(), RunResult.class));
        } catch (IOException e) {
            throw new UserException(file + ": unreadable run result (" + e.getMessage() + "); delete it to retrain the run");
        }
    }

    public void writeResult(RunResult result) throws IOException {
        AtomicFiles.writeString(path.resolve("result.json"), mapper.writerWithDefaultPrettyPrinter().writeValueAsString(result));
    }

    public Optional<JsonNode> config() throws IOException {
        Path file = path.resolve("config.json");
        return Files.exists(file) ? Optional.of(mapper.readTree(file.toFile())) : Optional.empty();
    }

    public void writeConfig(Object config) throws IOException {
        AtomicFiles.writeString(path.resolve("config.json"), mapper.writerWithDefaultPrettyPrinter().writeValueAsString(config));
    }

    /** The run's lock, or {@code null} when another process is training it. */
    public RunLock tryLock() throws IOException {
        Files.createDirectories(path);
        return RunLock.tryAcquire(path.resolve("run.lock"));
    }

    // --- metrics.jsonl

    /** Appends one JSON line and flushes it, so a crash loses at most the line being written. */
    public void appendMetrics(Object line) throws IOException {
        try (BufferedWriter out = Files.newBufferedWriter(path.resolve("metrics.jsonl"), StandardCharsets.UTF_8,
                StandardOpenOption.CREATE, StandardOpenOption.APPEND)) {
            out.write(mapper.writeValueAsString(line));
            out.write('\n');
        }
    }

    /**
     * Keeps only the lines of steps up to {@code step} (a resumed run rewrites what came after its
     * checkpoint), dropping a torn last line and the final evaluation's line (it is redone).
     */
    public void truncateMetrics(int step) throws IOException {
        Path file = path.resolve("metrics.jsonl");
        if (!Files.exists(file)) {
            return;
        }
        List<String> kept = new ArrayList<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            try {
                JsonNode node = mapper.readTree(line);
                boolean finalEvaluation = node != null && node.path("final").asBoolean(false);
                if (node != null && !finalEvaluation && node.path("step").asInt(Integer.MAX_VALUE) <= step) {
                    kept.add(line);
                }
            } catch (IOException torn) {
                // the line a crash interrupted
            }
        }
        AtomicFiles.writeString(file, kept.isEmpty() ? "" : String.join("\n", kept) + "\n");
    }

    /**
     * The vocabulary the run trains with: {@code vocabulary.json} ({@code prefix} ""), or
     * {@code source-vocabulary.json} and {@code target-vocabulary.json} when the task has two.
     */
    public Path vocabularyFile(String prefix) {
        return path.resolve(prefix + "vocabulary.json");
    }

    /**
     * The final evaluation's decoded outputs or references, one a line in split order:
     * {@code test-hypotheses.txt}, {@code test-references.txt} ({@code kind} "hypotheses" or "references").
     */
    public Path outputsFile(String split, String kind) {
        return path.resolve(split + "-" + kind + ".txt");
    }

    // --- checkpoint/

    public Path checkpointFolder() {
        return path.resolve("checkpoint");
    }

    public Path modelFile(int step) {
        return checkpointFolder().resolve(String.format("model-%07d.params", step));
    }

    public Path optimizerFile(int step) {
        return checkpointFolder().resolve(String.format("optimizer-%07d.bin", step));
    }

    public Path bestModelFile() {
        return checkpointFolder().resolve("best.params");
    }

    public Optional<CheckpointState> checkpointState() throws IOException {
        Path file = checkpointFolder().resolve("state.json");
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        CheckpointState state = mapper.readValue(file.toFile(), CheckpointState.class);
        if (!Files.exists(modelFile(state.step())) || !Files.exists(optimizerFile(state.step()))) {
            throw new IOException(file + " names step " + state.step() + " but its files are missing");
        }
        return Optional.of(state);
    }

    /**
     * Commits a checkpoint whose model and optimizer files are already written: state.json is
     * replaced atomically, then the files of older steps are deleted.
     */
    public void commitCheckpoint(CheckpointState state) throws IOException {
        AtomicFiles.writeString(checkpointFolder().resolve("state.json"), mapper.writeValueAsString(state));
        String keepModel = modelFile(state.step()).getFileName().toString();
        String keepOptimizer = optimizerFile(state.step()).getFileName().toString();
        try (Stream<Path> files = Files.list(checkpointFolder())) {
            files.filter(f -> {
                String name = f.getFileName().toString();
                return (name.startsWith("model-") && !name.equals(keepModel))
                        || (name.startsWith("optimizer-") && !name.equals(keepOptimizer))
                        || (name.startsWith(".") && name.endsWith(".tmp"));   // left by a writer that was killed
            }).forEach(f -> {
                try {
                    Files.deleteIfExists(f);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }
}
