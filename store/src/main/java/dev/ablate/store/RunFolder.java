package dev.ablate.store;

import dev.ablate.core.error.UserException;
import dev.ablate.core.io.AtomicFiles;
import java.io.BufferedInputStream;
import java.io.BufferedWriter;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * One run's folder, {@code <variant id>/seed-<s>/}: config.json, metrics.jsonl, checkpoint/
 * (model-STEP.params, optimizer-STEP.bin, state.json, best.params), the vocabularies, the final
 * outputs, result.json, run.lock and heartbeat.json. Every file but metrics.jsonl (appended line by line) is
 * written atomically; a checkpoint is committed by its state.json, written after its files.
 */
public final class RunFolder {

    /** Reads one checkpoint file; the stream is buffered and closed by the folder. */
    @FunctionalInterface
    public interface Reader {
        void read(DataInputStream in) throws IOException;
    }

    private static final String RESULT = "result.json";
    private static final String CONFIG = "config.json";
    private static final String METRICS = "metrics.jsonl";
    private static final String STATE = "state.json";
    private static final String HEARTBEAT = "heartbeat.json";

    private final Path path;

    RunFolder(Path path) {
        this.path = path;
    }

    public Path path() {
        return path;
    }

    /** Whether the run was ever started here. */
    public boolean exists() {
        return Files.isDirectory(path);
    }

    // --- result.json and config.json

    public Optional<RunResult> result() {
        return StoreJson.readIfPresent(path.resolve(RESULT), RunResult.class, "unreadable run result",
                "delete it to retrain the run");
    }

    public void writeResult(RunResult result) throws IOException {
        StoreJson.write(path.resolve(RESULT), result);
    }

    public Optional<RunRecord> config() {
        return StoreJson.readIfPresent(path.resolve(CONFIG), RunRecord.class, "unreadable run config",
                "delete the run's folder to retrain it");
    }

    public void writeConfig(RunRecord config) throws IOException {
        StoreJson.write(path.resolve(CONFIG), config);
    }

    /** Who is training the run now (see {@link RunLock#holder}), or empty. */
    public Optional<String> lockHolder() throws IOException {
        return RunLock.holder(path.resolve("run.lock"));
    }

    /** When metrics.jsonl was last written (a training run appends to it every few steps), or empty. */
    public Optional<Instant> metricsUpdated() throws IOException {
        Path file = path.resolve(METRICS);
        return Files.isRegularFile(file) ? Optional.of(Files.getLastModifiedTime(file).toInstant()) : Optional.empty();
    }

    /** The last heartbeat of a process that trained the run (see {@link Heartbeat}), or empty. */
    public Optional<Heartbeat> heartbeat() {
        return StoreJson.readIfPresent(path.resolve(HEARTBEAT), Heartbeat.class, "unreadable heartbeat",
                "it is rewritten while the run trains");
    }

    public void writeHeartbeat(Heartbeat heartbeat) throws IOException {
        StoreJson.write(path.resolve(HEARTBEAT), heartbeat);
    }

    /** The run's lock, or {@code null} when another process is training it. */
    public RunLock tryLock() throws IOException {
        Files.createDirectories(path);
        return RunLock.tryAcquire(path.resolve("run.lock"));
    }

    // --- metrics.jsonl

    /** Appends one JSON line and flushes it, so a crash loses at most the line being written. */
    public void appendMetrics(MetricsLine line) throws IOException {
        try (BufferedWriter out = Files.newBufferedWriter(path.resolve(METRICS), StandardCharsets.UTF_8,
                StandardOpenOption.CREATE, StandardOpenOption.APPEND)) {
            out.write(StoreJson.line(line));
            out.write('\n');
        }
    }

    /**
     * Keeps only the lines of steps up to {@code step} (a resumed run rewrites what came after its
     * checkpoint), dropping a torn last line and the final evaluation's line (it is redone).
     */
    public void truncateMetrics(int step) throws IOException {
        Path file = path.resolve(METRICS);
        if (!Files.exists(file)) {
            return;
        }
        List<String> kept = new ArrayList<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            try {
                MetricsLine parsed = StoreJson.MAPPER.readValue(line, MetricsLine.class);
                if (!parsed.isFinal() && parsed.step() <= step) {
                    kept.add(line);
                }
            } catch (IOException torn) {
                // the line a crash interrupted
            }
        }
        AtomicFiles.writeString(file, kept.isEmpty() ? "" : String.join("\n", kept) + "\n");
    }

    /**
     * Every line of metrics.jsonl, as it stands: a last line cut short (the run is being written, or
     * was interrupted) is left out; a malformed line before it is an error.
     */
    public List<MetricsLine> metrics() {
        Path file = path.resolve(METRICS);
        if (!Files.isRegularFile(file)) {
            return List.of();
        }
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UserException(file + ": cannot read (" + e.getMessage() + ")");
        }
        List<MetricsLine> parsed = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty()) {
                continue;
            }
            try {
                parsed.add(StoreJson.MAPPER.readValue(line, MetricsLine.class));
            } catch (IOException e) {
                if (i == lines.size() - 1) {
                    break;
                }
                throw new UserException(file + ":" + (i + 1) + ": not a JSON line (" + e.getMessage() + ")");
            }
        }
        return List.copyOf(parsed);
    }

    // --- what the run keeps beside its metrics

    /**
     * The vocabulary the run trains with: {@code vocabulary.json} ({@code prefix} ""), or
     * {@code source-vocabulary.json} and {@code target-vocabulary.json} when the task has two.
     */
    public Path vocabularyFile(String prefix) {
        return path.resolve(prefix + "vocabulary.json");
    }

    /**
     * Writes the final evaluation's decoded outputs and their references, one a line in split order:
     * {@code test-hypotheses.txt} and {@code test-references.txt}, for {@code ablate score} and
     * sacreBLEU. A line break inside a text (only a character-level output can hold one) is written
     * as a space so the lines stay aligned.
     */
    public void writeOutputs(String split, List<String> hypotheses, List<String> references) throws IOException {
        writeLines(outputsFile(split, "hypotheses"), hypotheses);
        writeLines(outputsFile(split, "references"), references);
    }

    /** {@code SPLIT-hypotheses.txt} or {@code SPLIT-references.txt} ({@code kind}). */
    public Path outputsFile(String split, String kind) {
        return path.resolve(split + "-" + kind + ".txt");
    }

    private static void writeLines(Path file, List<String> texts) throws IOException {
        StringBuilder out = new StringBuilder();
        for (String text : texts) {
            out.append(text.replace("\r\n", " ").replace('\n', ' ').replace('\r', ' ')).append('\n');
        }
        AtomicFiles.writeString(file, out.toString());
    }

    // --- checkpoint/

    private Path checkpointFolder() {
        return path.resolve("checkpoint");
    }

    private Path modelFile(int step) {
        return checkpointFolder().resolve(String.format("model-%07d.params", step));
    }

    private Path optimizerFile(int step) {
        return checkpointFolder().resolve(String.format("optimizer-%07d.bin", step));
    }

    private Path bestModelFile() {
        return checkpointFolder().resolve("best.params");
    }

    /** The last committed checkpoint's state, if the run has one. */
    public Optional<CheckpointState> checkpointState() throws IOException {
        Path file = checkpointFolder().resolve(STATE);
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        CheckpointState state = StoreJson.MAPPER.readValue(file.toFile(), CheckpointState.class);
        if (!Files.exists(modelFile(state.step())) || !Files.exists(optimizerFile(state.step()))) {
            throw new IOException(file + " names step " + state.step() + " but its files are missing");
        }
        return Optional.of(state);
    }

    /**
     * Saves a checkpoint: the weights and the optimizer state of {@code state.step()}, each written
     * atomically, then state.json, which commits them; then the files of older steps are deleted. A
     * crash at any point leaves the previous checkpoint or this one, whole.
     */
    public void saveCheckpoint(CheckpointState state, AtomicFiles.Writer weights, AtomicFiles.Writer optimizer)
            throws IOException {
        Files.createDirectories(checkpointFolder());
        AtomicFiles.write(modelFile(state.step()), weights);
        AtomicFiles.write(optimizerFile(state.step()), optimizer);
        AtomicFiles.writeString(checkpointFolder().resolve(STATE), StoreJson.line(state));
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

    /** Reads the weights and the optimizer state of the checkpoint {@code state} commits. */
    public void loadCheckpoint(CheckpointState state, Reader weights, Reader optimizer) throws IOException {
        read(modelFile(state.step()), weights);
        read(optimizerFile(state.step()), optimizer);
    }

    /** Saves the weights with the best validation value so far, atomically. */
    public void saveBest(AtomicFiles.Writer weights) throws IOException {
        AtomicFiles.write(bestModelFile(), weights);
    }

    public void loadBest(Reader weights) throws IOException {
        read(bestModelFile(), weights);
    }

    private static void read(Path file, Reader reader) throws IOException {
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file)))) {
            reader.read(in);
        } catch (IOException e) {
            throw new IOException(file + ": " + e.getMessage(), e);
        }
    }
}
