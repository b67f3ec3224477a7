package dev.ablate.reports.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * A run store written by hand in the format {@code ablate run} writes (docs/experiments.md), so
 * reports are tested without training: three attention variants × seeds 1-3, where restricted's
 * seed 3 diverged, additive's seed 3 failed, and full's runs all completed.
 */
public final class FixtureStore {

    public static final double[] FULL = {0.90, 0.94, 0.92};
    public static final double[] RESTRICTED = {0.50, 0.52};
    public static final double[] ADDITIVE = {0.91, 0.95};

    private FixtureStore() {}

    public static Path write(Path root) {
        try {
            Files.createDirectories(root);
            Files.writeString(root.resolve("experiment.json"), """
                    {"experiment": "fixture", "hash": "0123456789abcdef",
                     "spec": {"name": "fixture", "description": "A hand-written store.", "task": {"type": "first-last", "length": 24}},
                     "baseline": "attention=full", "seeds": [1, 2, 3], "taskKind": "classification",
                     "taskShape": {"sourceVocabulary": 20, "targetVocabulary": 20, "maxSourceLength": 24, "maxTargetLength": 0, "classes": 2, "padIndex": 0},
                     "metrics": [{"name": "loss", "higherIsBetter": false}, {"name": "accuracy", "higherIsBetter": true}],
                     "variants": [%s, %s, %s]}
                    """.formatted(variant("attention=full", "{\"type\": \"full\"}"),
                    variant("attention=restricted(window=2)", "{\"type\": \"restricted\", \"window\": 2}"),
                    variant("attention=additive", "{\"type\": \"additive\"}")));
            for (int s = 1; s <= 3; s++) {
                completed(root, "attention=full", s, FULL[s - 1], 1000 + s);
            }
            completed(root, "attention=restricted(window=2)", 1, RESTRICTED[0], 2000);
            completed(root, "attention=restricted(window=2)", 2, RESTRICTED[1], 2100);
            run(root, "attention=restricted(window=2)", 3, """
                    {"variant": "attention=restricted(window=2)", "seed": 3, "status": "diverged", "metrics": {},
                     "steps": 40, "parameters": 5000, "wallSeconds": 1.0, "device": "cpu()", "divergedAtStep": 40}
                    """, 40);
            completed(root, "attention=additive", 1, ADDITIVE[0], 800);
            completed(root, "attention=additive", 2, ADDITIVE[1], 820);
            run(root, "attention=additive", 3, """
                    {"variant": "attention=additive", "seed": 3, "status": "failed", "metrics": {},
                     "steps": 0, "parameters": 6000, "wallSeconds": 0.5, "device": "cpu()", "error": "boom"}
                    """, 20);
            return root;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A bench.json as {@code ablate bench attention} writes it: full grows as n², restricted as n, and
     * additive's longest point ran out of memory.
     */
    public static void writeBench(Path folder) {
        StringBuilder points = new StringBuilder();
        for (int n : new int[] {256, 512, 1024}) {
            points.append(String.format(Locale.ROOT,
                    "{\"variant\": \"full\", \"n\": %d, \"timeMs\": %.4f, \"memoryBytes\": %d},", n, 1e-5 * n * n, 64L * n * n));
            points.append(String.format(Locale.ROOT,
                    "{\"variant\": \"restricted(window=32)\", \"n\": %d, \"timeMs\": %.4f, \"memoryBytes\": %d},", n, 0.01 * n, 4096L * n));
        }
        points.append("{\"variant\": \"additive\", \"n\": 256, \"timeMs\": 3.0, \"memoryBytes\": 9000000},");
        points.append("{\"variant\": \"additive\", \"n\": 512, \"timeMs\": 12.0, \"memoryBytes\": 36000000},");
        points.append("{\"variant\": \"additive\", \"n\": 1024, \"timeMs\": null, \"memoryBytes\": null, "
                + "\"error\": \"out of memory\"}");
        try {
            Files.writeString(folder.resolve("bench.json"), "{\"points\": [" + points + "], \"fits\": ["
                    + "{\"variant\": \"full\", \"timeSlope\": 2.0, \"memorySlope\": 2.0, \"timePoints\": 3, \"memoryPoints\": 3},"
                    + "{\"variant\": \"restricted(window=32)\", \"timeSlope\": 1.0, \"memorySlope\": 1.0, \"timePoints\": 3, \"memoryPoints\": 3},"
                    + "{\"variant\": \"additive\", \"timeSlope\": 2.0, \"memorySlope\": 2.0, \"timePoints\": 2, \"memoryPoints\": 2}],"
                    + "\"settings\": {\"dModel\": 64, \"heads\": 4, \"batch\": 1, \"device\": \"cpu\", \"warmup\": 1, "
                    + "\"repeats\": 3, \"timeoutSeconds\": 60, \"fitMin\": null, \"lengths\": [256, 512, 1024], "
                    + "\"memory\": \"peak resident memory of a fresh process per point\"}}");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String variant(String id, String attention) {
        return """
                {"id": "%s", "hash": "h-%s", "settings": {"model.attention": %s},
                 "config": {"model": {"family": "encoder", "layers": 2, "dModel": 32, "heads": 4, "attention": %s},
                            "evaluation": {"metric": "accuracy"}}}
                """.formatted(id, Math.abs(id.hashCode()), attention, attention);
    }

    private static void completed(Path root, String variant, int seed, double accuracy, double tokensPerSecond)
            throws IOException {
        run(root, variant, seed, String.format(Locale.ROOT, """
                {"variant": "%s", "variantHash": "x", "seed": %d, "status": "completed",
                 "metrics": {"loss": %.4f, "accuracy": %.4f}, "split": "test", "checkpoint": "best", "bestStep": 100,
                 "steps": 100, "parameters": %d, "trainTokensPerSecond": %.1f, "medianStepMs": 12.5,
                 "trainSeconds": 1.5, "wallSeconds": 2.0, "device": "cpu()", "versions": {"ablate": "test"},
                 "someFieldAddedLater": true}
                """, variant, seed, 1 - accuracy, accuracy, variant.contains("additive") ? 6000 : 5000, tokensPerSecond), 100);
    }

    private static void run(Path root, String variant, int seed, String result, int steps) throws IOException {
        Path dir = Files.createDirectories(root.resolve(variant).resolve("seed-" + seed));
        StringBuilder metrics = new StringBuilder();
        for (int step = 10; step <= steps; step += 10) {
            metrics.append(String.format(Locale.ROOT, "{\"step\":%d,\"split\":\"train\",\"loss\":%.4f,\"lr\":0.001}%n",
                    step, 2.0 / step + seed * 0.01));
            if (step % 50 == 0) {
                metrics.append(String.format(Locale.ROOT, "{\"step\":%d,\"split\":\"valid\",\"loss\":%.4f,\"accuracy\":%.4f}%n",
                        step, 1.0 / step, 0.5 + step / 400.0));
            }
        }
        Files.writeString(dir.resolve("metrics.jsonl"), metrics);
        Files.writeString(dir.resolve("result.json"), result);
    }
}
