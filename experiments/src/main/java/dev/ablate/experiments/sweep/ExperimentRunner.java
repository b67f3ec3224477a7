package dev.ablate.experiments.sweep;

import dev.ablate.core.error.UserException;
import dev.ablate.core.model.ModelConfig;
import dev.ablate.core.registry.ComponentRegistry;
import dev.ablate.core.spi.ComponentConfig;
import dev.ablate.core.spi.ComponentDescriptor;
import dev.ablate.experiments.spec.ExperimentPlan;
import dev.ablate.experiments.spec.PlannedRun;
import dev.ablate.experiments.spec.RunConfig;
import dev.ablate.experiments.spec.SpecReader;
import dev.ablate.experiments.spec.Variant;
import dev.ablate.store.RunDirectory;
import dev.ablate.store.RunLock;
import dev.ablate.store.RunResult;
import dev.ablate.store.RunStore;
import dev.ablate.data.task.TaskConfig;
import dev.ablate.data.task.TaskKind;
import dev.ablate.models.transformer.TransformerFactory;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Runs a plan: every run that has no final result yet is trained (or resumed), one after another;
 * runs another process holds are left to it. A diverged or failed run does not stop the sweep.
 * results.json is rebuilt from the runs' result.json files at the end.
 */
public final class ExperimentRunner {

    /**
     * @param results every run's result in plan order, empty for runs another process is training
     * @param trained runs trained (or resumed) by this call
     * @param skipped runs left alone: already final, or locked by another process
     */
    public record Summary(List<Optional<RunResult>> results, int trained, int skipped) {

        public List<RunResult> failed() {
            return results.stream().flatMap(Optional::stream).filter(r -> r.status().equals(RunResult.FAILED)).toList();
        }
    }

    private final TransformerFactory factory;
    private final ComponentRegistry registry;
    private final SpecReader reader;

    @Inject
    public ExperimentRunner(TransformerFactory factory, ComponentRegistry registry, SpecReader reader) {
        this.factory = factory;
        this.registry = registry;
        this.reader = reader;
    }

    public RunStore store(Path root) {
        return new RunStore(root, reader.mapper());
    }

    public Summary run(ExperimentPlan plan, RunStore store, RunEnvironment environment, ProgressListener listener) {
        try {
            List<PlannedRun> runs = plan.runs();
            for (PlannedRun run : runs) {
                RunExecutor.requireSameConfig(store.run(run.variant().id(), run.seed()), run.variant());
            }
            store.writeExperiment(experimentRecord(plan));
            RunExecutor executor = new RunExecutor(plan, factory, registry, environment, listener);
            List<Optional<RunResult>> results = new ArrayList<>();
            int trained = 0;
            int skipped = 0;
            for (int i = 0; i < runs.size(); i++) {
                PlannedRun run = runs.get(i);
                RunDirectory dir = store.run(run.variant().id(), run.seed());
                Optional<RunResult> existing = dir.result();
                if (existing.isPresent() && existing.get().isFinal()) {
                    listener.runSkipped(i + 1, runs.size(), run, "already " + existing.get().status());
                    results.add(existing);
                    skipped++;
                    continue;
                }
                try (RunLock lock = dir.tryLock()) {
                    if (lock == null) {
                        listener.runSkipped(i + 1, runs.size(), run, "being trained by another process");
                        results.add(Optional.empty());
                        skipped++;
                        continue;
                    }
                    dir.writeConfig(runRecord(plan, run));
                    RunResult result;
                    try {
                        result = executor.execute(i + 1, runs.size(), run, dir);
                    } catch (UserException e) {
                        throw e;
                    } catch (RuntimeException | IOException | Error e) {
                        result = executor.failed(run, e);
                        if (e instanceof Error error && !(e instanceof OutOfMemoryError)) {
                            throw error;
                        }
                    }
                    dir.writeResult(result);
                    listener.runFinished(run, result);
                    results.add(Optional.of(result));
                    trained++;
                }
            }
            store.writeResults(plan.name(), results.stream().flatMap(Optional::stream).toList());
            return new Summary(results, trained, skipped);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** experiment.json: the resolved spec, its hash, and the runs it expands to. */
    private Map<String, Object> experimentRecord(ExperimentPlan plan) {
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("experiment", plan.name());
        record.put("hash", plan.hash());
        record.put("spec", plan.spec());
        record.put("baseline", plan.baseline());
        record.put("seeds", plan.seeds());
        // What reports need without loading tasks: the lengths complexity is evaluated at, and which
        // way each metric improves.
        TaskKind kind = plan.spec().task().kind();
        record.put("taskKind", kind.label());
        record.put("taskShape", plan.task().shape());
        record.put("metrics", kind.metrics().stream().map(m -> new MetricRecord(m, TaskKind.higherIsBetter(m))).toList());
        List<Map<String, Object>> variants = new ArrayList<>();
        for (Variant v : plan.variants()) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("id", v.id());
            entry.put("hash", v.hash());
            entry.put("settings", v.settings());
            entry.put("config", v.config());
            variants.add(entry);
        }
        record.put("variants", variants);
        return record;
    }

    record MetricRecord(String name, boolean higherIsBetter) {}

    /**
     * config.json: what this run trains, resolved; declared types, so the task keeps its "type";
     * and where each of its components came from (a built-in module, or a plugin JAR and the SPI
     * version it was built against), so a result can be traced to the code that produced it.
     */
    record RunRecord(String experiment, String variant, String variantHash, int seed, TaskConfig task, RunConfig config,
            Map<String, String> components) {}

    private RunRecord runRecord(ExperimentPlan plan, PlannedRun run) {
        ModelConfig model = registry.complete(run.variant().config().model());
        Map<String, String> components = new LinkedHashMap<>();
        List<ComponentConfig> used = List.of(model.attention(), model.crossAttention(), model.positional(), model.norm());
        for (ComponentConfig config : used) {
            ComponentDescriptor<?> d = registry.descriptorOf(config);
            components.put(d.kind().label() + ":" + d.id(), registry.origin(d));
        }
        return new RunRecord(plan.name(), run.variant().id(), run.variant().hash(), run.seed(), plan.spec().task(),
                run.variant().config(), components);
    }
}
