package dev.ablate.store;

import dev.ablate.core.error.UserException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * An experiment's folder, {@code runs/<name>/}: experiment.json and one {@link RunFolder} per run,
 * {@code <variant id>/seed-<s>/}. The reports written beside them (report.html, results.json, ...)
 * are rebuilt from these files alone. docs/experiments.md documents the format.
 */
public final class RunStore {

    private static final String EXPERIMENT = "experiment.json";

    private final Path root;

    public RunStore(Path root) {
        this.root = root;
    }

    /** A run store to read: the folder must exist and hold an experiment.json. */
    public static RunStore open(Path root) {
        if (!Files.isDirectory(root)) {
            throw new UserException(root + ": no such folder (a run store is what `ablate run SPEC` writes, "
                    + "by default runs/<name>)");
        }
        if (!Files.isRegularFile(root.resolve(EXPERIMENT))) {
            throw new UserException(root + ": not a run store (no " + EXPERIMENT + "); `ablate run SPEC` writes one");
        }
        return new RunStore(root);
    }

    public Path root() {
        return root;
    }

    public RunFolder run(String variantId, int seed) {
        return new RunFolder(root.resolve(variantId).resolve("seed-" + seed));
    }

    /**
     * Waits for the store's {@code report.lock} and holds it: workers that finish runs at the same
     * time rebuild results.json and the report one after another, never over each other.
     */
    public RunLock lockReports() throws IOException {
        Files.createDirectories(root);
        return RunLock.await(root.resolve("report.lock"));
    }

    public void writeExperiment(ExperimentRecord experiment) throws IOException {
        Files.createDirectories(root);
        StoreJson.write(root.resolve(EXPERIMENT), experiment);
    }

    /** experiment.json; one that lacks what reports need (written before they existed) is refused with the fix. */
    public ExperimentRecord experiment() {
        Path file = root.resolve(EXPERIMENT);
        ExperimentRecord e = StoreJson.read(file, ExperimentRecord.class, "not valid JSON", "");
        if (e.variants() == null || e.variants().isEmpty()) {
            throw new UserException(file + ": lists no variants");
        }
        if (e.metrics() == null || e.metrics().isEmpty() || e.taskShape() == null) {
            throw new UserException(file + ": written by an Ablate older than its reports (no metrics or taskShape); "
                    + "run the spec again (`ablate run SPEC --out " + root + "`), which rewrites it and retrains nothing "
                    + "that finished");
        }
        return e;
    }
}
