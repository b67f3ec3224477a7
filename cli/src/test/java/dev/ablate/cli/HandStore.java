package dev.ablate.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A run store written by hand for the commands that only read one (check, compare): variants with an
 * accuracy per seed (loss = 1 − accuracy), claims in the spec, and a dropout per variant in its config.
 */
final class HandStore {

    private HandStore() {}

    /**
     * @param accuracy per variant id, in order, the accuracy of seeds 1, 2, 3 ({@code NaN}: that run diverged)
     * @param dropout the dropout each variant's config records
     */
    static Path write(Path root, String claims, Map<String, double[]> accuracy, double dropout) throws IOException {
        Files.createDirectories(root);
        List<String> variants = new ArrayList<>();
        accuracy.keySet().forEach(id -> variants.add("{\"id\": \"" + id + "\", \"hash\": \"h" + id + "\", \"settings\": {}, "
                + "\"config\": {\"model\": {\"family\": \"encoder\", \"layers\": 1, \"dModel\": 8, \"heads\": 2, \"dropout\": "
                + dropout + ", \"attention\": {\"type\": \"full\"}}, \"evaluation\": {\"metric\": \"accuracy\"}}}"));
        Files.writeString(root.resolve("experiment.json"), """
                {"experiment": "claims", "hash": "0123", "baseline": "%s", "seeds": [1, 2, 3], "taskKind": "classification",
                 "spec": {"name": "claims", "expect": [%s]},
                 "taskShape": {"sourceVocabulary": 4, "targetVocabulary": 4, "maxSourceLength": 8, "maxTargetLength": 0, "classes": 2, "padIndex": 0},
                 "metrics": [{"name": "loss", "higherIsBetter": false}, {"name": "accuracy", "higherIsBetter": true}],
                 "variants": [%s]}
                """.formatted(accuracy.keySet().iterator().next(), claims, String.join(", ", variants)));
        for (Map.Entry<String, double[]> v : accuracy.entrySet()) {
            for (int seed = 1; seed <= 3; seed++) {
                Path run = Files.createDirectories(root.resolve(v.getKey()).resolve("seed-" + seed));
                double a = v.getValue()[seed - 1];
                String result = Double.isNaN(a)
                        ? String.format(Locale.ROOT, "{\"variant\": \"%s\", \"seed\": %d, \"status\": \"diverged\", "
                                + "\"divergedAtStep\": 7}", v.getKey(), seed)
                        : String.format(Locale.ROOT, "{\"variant\": \"%s\", \"seed\": %d, \"status\": \"completed\", "
                                + "\"metrics\": {\"loss\": %s, \"accuracy\": %s}}", v.getKey(), seed, 1 - a, a);
                Files.writeString(run.resolve("result.json"), result);
            }
        }
        return root;
    }
}
