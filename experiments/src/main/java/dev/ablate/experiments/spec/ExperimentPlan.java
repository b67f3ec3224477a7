package dev.ablate.experiments.spec;

import dev.ablate.tasks.Task;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A spec checked and expanded: the loaded task, every variant with its resolved config, and the
 * seeds. Nothing in it can fail to build.
 *
 * @param file the spec file, or {@code null} when read from text
 * @param hash a digest of the resolved experiment, kept in the run store's experiment.json
 * @param baseline the variant id reports compare against
 */
public record ExperimentPlan(
        ExperimentSpec spec, Path file, String hash, Task task, List<Variant> variants, List<Integer> seeds, String baseline) {

    public String name() {
        return spec.name();
    }

    /** Every run, variant by variant, seed by seed. */
    public List<PlannedRun> runs() {
        List<PlannedRun> runs = new ArrayList<>();
        for (Variant v : variants) {
            for (int seed : seeds) {
                runs.add(new PlannedRun(v, seed));
            }
        }
        return runs;
    }
}
