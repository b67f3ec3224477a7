package dev.ablate.experiments.spec;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.databind.JsonNode;
import dev.ablate.store.Expectation;
import dev.ablate.tasks.TaskConfig;
import java.util.List;
import java.util.Map;

/**
 * An ablation as the user wrote it: a task, a base config, the axes and named variants that vary
 * it, and the seeds every variant is trained with. Runs = (grid of axes ∪ variants) × seeds; with
 * neither, the base alone. Read with {@link SpecReader}, which checks all of it at once.
 */
public record ExperimentSpec(
        @JsonPropertyDescription("the experiment's name: the run store folder runs/<name>")
        String name,
        @JsonPropertyDescription("free text, kept with the results")
        String description,
        @JsonPropertyDescription("the task every run trains on, chosen by \"type\"")
        TaskConfig task,
        @JsonPropertyDescription("the config every variant starts from")
        RunConfig base,
        @JsonPropertyDescription("dotted path under base (e.g. model.attention) -> list of values; expanded as a grid")
        Map<String, List<JsonNode>> axes,
        @JsonPropertyDescription("named partial overrides of base, each a run of its own")
        List<VariantSpec> variants,
        @JsonPropertyDescription("training seeds; every variant is trained once per seed")
        List<Integer> seeds,
        @JsonPropertyDescription("the variant id the reports compare the others against; default: the first variant")
        String baseline,
        @JsonPropertyDescription("claims about pairs of variants (variant, vs, metric, direction higher/lower/same, "
                + "margin); the report judges each CONFIRMED, REFUTED or INCONCLUSIVE from the paired seeds")
        List<Expectation> expect) {}
