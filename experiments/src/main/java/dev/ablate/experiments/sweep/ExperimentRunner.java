package dev.ablate.experiments.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ablate.core.error.UserException;
import dev.ablate.core.model.ModelConfig;
import dev.ablate.core.registry.ComponentRegistry;
import dev.ablate.core.spi.ComponentConfig;
import dev.ablate.core.spi.ComponentDescriptor;
import dev.ablate.experiments.spec.ExperimentPlan;
import dev.ablate.experiments.spec.ExperimentSpec;
import dev.ablate.experiments.spec.PlannedRun;
import dev.ablate.experiments.spec.RunConfig;
import dev.ablate.experiments.spec.SpecReader;
import dev.ablate.experiments.spec.Variant;
import dev.ablate.models.transformer.TransformerFactory;
import dev.ablate.store.ExperimentRecord;
import dev.ablate.store.RunFolder;
import dev.ablate.store.RunLock;
import dev.ablate.store.RunRecord;
import dev.ablate.store.RunResult;
import dev.ablate.store.RunStatus;
import dev.ablate.store.RunStore;
import dev.ablate.store.VariantRecord;
import dev.ablate.tasks.TaskConfig;
import dev.ablate.tasks.TaskKind;
import dev.ablate.tasks.metrics.Metric;
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
 */
public final class ExperimentRunner {

    /**
     * @param results every run's result in plan order, empty for runs another process is training
     * @param trained runs trained (or resumed) by this call
     * @param skipped runs left alone: already final, or locked by another process
     */
    public record Summary(List<Optional<RunResult>> results, int trained, int skipped) {

        public List<RunResult> failed() {
            return results.stream().flatMap(Optional::stream).filter(r -> r.status() == RunStatus.FAILED).toList();
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
        return new RunStore(root);
    }

    public Summary run(ExperimentPlan plan, RunStore store, RunEnvironment environment, ProgressListener listener) {
        return run(plan, plan.runs(), store, environment, listener);
    }

    /**
     * Trains the {@code selected} runs of the plan that have no final result and nobody else holds.
     * The summary lists every run of the plan: the others with whatever result the store holds for
     * them now (another worker's, or none).
     */
    public Summary run(ExperimentPlan plan, List<PlannedRun> selected, RunStore store, RunEnvironment environment,
            ProgressListener listener) {
        try {
            prepare(plan, store);
            RunExecutor executor = new RunExecutor(plan, factory, registry, environment, listener);
            List<PlannedRun> runs = plan.runs();
            List<Optional<RunResult>> results = new ArrayList<>();
            int trained = 0;
            int skipped = 0;
            for (int i = 0; i < runs.size(); i++) {
                PlannedRun run = runs.get(i);
                RunFolder dir = store.run(run.variant().id(), run.seed());
                Optional<RunResult> existing = dir.result();
                if (!selected.contains(run)) {
                    results.add(existing);
                    continue;
                }
                if (existing.isPresent() && existing.get().status().isFinal()) {
                    listener.runSkipped(i + 1, runs.size(), run, "already " + existing.get().status().label());
                    results.add(existing);
                    skipped++;
                    continue;
                }
                try (RunLock lock = tryLock(dir)) {
                    if (lock == null) {
                        listener.runSkipped(i + 1, runs.size(), run, "being trained by another process");
                        results.add(Optional.empty());
                        skipped++;
                        continue;
                    }
                    // Another worker may have finished it between the look above and the lock.
                    Optional<RunResult> finished = dir.result().filter(r -> r.status().isFinal());
                    if (finished.isPresent()) {
                        listener.runSkipped(i + 1, runs.size(), run, "already " + finished.get().status().label());
                        results.add(finished);
                        skipped++;
                        continue;
                    }
                    RunResult result;
                    try (HeartbeatWriter heartbeat = HeartbeatWriter.start(dir)) {
                        dir.writeConfig(runRecord(plan, run));
                        try {
                            result = executor.execute(i + 1, runs.size(), run, dir, heartbeat);
                        } catch (UserException | StopRequest.Stopped e) {
                            throw e;
                        } catch (RuntimeException | IOException | Error e) {
                            result = executor.failed(run, e);
                            if (e instanceof Error error && !(e instanceof OutOfMemoryError)) {
                                throw error;
                            }
                        }
                        dir.writeResult(result);
                    }
                    listener.runFinished(run, result);
                    results.add(Optional.of(result));
                    trained++;
                }
            }
            return new Summary(results, trained, skipped);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The run's lock, or null when another process trains it. A free lock is also held for an instant
     * by `ablate status` probing it (from any machine), so a lock found taken is tried twice more
     * before the run is left to its holder.
     */
    private static RunLock tryLock(RunFolder dir) throws IOException {
        for (int attempt = 0; ; attempt++) {
            RunLock lock = dir.tryLock();
            if (lock != null || attempt == 2) {
                return lock;
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return null;
            }
        }
    }

    /**
     * Makes {@code store} the plan's: refuses run folders trained with another config than their
     * variant's now, and writes experiment.json (which `ablate status` and the reports read).
     */
    public void prepare(ExperimentPlan plan, RunStore store) throws IOException {
        for (PlannedRun run : plan.runs()) {
            requireSameConfig(store.run(run.variant().id(), run.seed()), run.variant());
        }
        store.writeExperiment(experimentRecord(plan));
    }

    /** experiment.json: the resolved spec, its hash, the runs it expands to, and what reports need of the task. */
    private ExperimentRecord experimentRecord(ExperimentPlan plan) {
        TaskKind kind = plan.spec().task().kind();
        List<VariantRecord> variants = new ArrayList<>();
        for (Variant v : plan.variants()) {
            variants.add(new VariantRecord(v.id(), v.hash(), v.settings(), tree(v.config(), RunConfig.class)));
        }
        return new ExperimentRecord(plan.name(), plan.hash(), tree(plan.spec(), ExperimentSpec.class), plan.baseline(),
                plan.seeds(), kind.label(), plan.task().shape(), kind.metrics().stream().map(Metric::descriptor).toList(),
                variants);
    }

    /**
     * config.json: what this run trains, resolved, and where each of its components came from (a
     * built-in module, or a plugin JAR and the SPI version it was built against).
     */
    private RunRecord runRecord(ExperimentPlan plan, PlannedRun run) {
        ModelConfig model = registry.complete(run.variant().config().model());
        Map<String, String> components = new LinkedHashMap<>();
        List<ComponentConfig> used = List.of(model.attention(), model.crossAttention(), model.positional(), model.norm());
        for (ComponentConfig config : used) {
            ComponentDescriptor<?> d = registry.descriptorOf(config);
            components.put(d.kind().label() + ":" + d.id(), registry.origin(d));
        }
        return new RunRecord(plan.name(), run.variant().id(), run.variant().hash(), run.seed(),
                tree(plan.spec().task(), TaskConfig.class), tree(run.variant().config(), RunConfig.class), components);
    }

    /** {@code value} as JSON through its declared type, so polymorphic configs keep their "type". */
    private JsonNode tree(Object value, Class<?> declared) {
        ObjectMapper mapper = reader.mapper();
        try {
            return mapper.readTree(mapper.writerFor(declared).writeValueAsString(value));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A run folder trained with another config than the variant's is never resumed or skipped. */
    private static void requireSameConfig(RunFolder folder, Variant variant) {
        Optional<RunRecord> config = folder.config();
        if (config.isPresent() && !variant.hash().equals(config.get().variantHash())) {
            throw new UserException(folder.path() + " was trained with a different config (variant hash "
                    + config.get().variantHash() + ", the spec now gives " + variant.hash()
                    + "); rename the variant, use --out DIR, or delete that folder to retrain it");
        }
    }
}
