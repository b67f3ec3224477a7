package dev.ablate.experiments.spec;

import dev.ablate.core.error.DidYouMean;
import dev.ablate.core.error.UserException;
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

    /**
     * The runs {@code ids} name, in plan order: each id is a run ({@code <variant id>/seed-<seed>}, as
     * {@link PlannedRun#id()}) or a variant (all its seeds). An id that names nothing is an error.
     */
    public List<PlannedRun> select(List<String> ids) {
        List<PlannedRun> all = runs();
        List<String> known = new ArrayList<>();
        variants.forEach(v -> known.add(v.id()));
        all.forEach(r -> known.add(r.id()));
        for (String id : ids) {
            if (!known.contains(id)) {
                throw new UserException("--only " + id + ": no such run or variant in " + name() + " (runs are named "
                        + "<variant>/seed-<seed>, e.g. " + all.get(0).id() + ")." + DidYouMean.hint(id, known));
            }
        }
        return all.stream().filter(r -> ids.contains(r.id()) || ids.contains(r.variant().id())).toList();
    }
}
