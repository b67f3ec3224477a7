package dev.ablate.reports.store;

import dev.ablate.core.error.DidYouMean;
import dev.ablate.core.error.UserException;
import dev.ablate.store.ExperimentRecord;
import dev.ablate.store.MetricDescriptor;
import dev.ablate.store.RunFolder;
import dev.ablate.store.RunStore;
import dev.ablate.store.VariantRecord;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Everything a report needs from a run store folder, read through the store's format alone:
 * experiment.json and each planned run's result.json and metrics.jsonl. A store copied from another
 * machine reads the same; a run still being written is read as it stands (without result.json it is
 * unfinished).
 *
 * @param metric the metric the report is headed by: the spec's evaluation metric unless chosen
 */
public record StoredExperiment(Path root, ExperimentRecord record, String metric, List<StoredRun> runs) {

    public static StoredExperiment read(Path root) {
        RunStore store = RunStore.open(root);
        ExperimentRecord record = store.experiment();
        List<StoredRun> runs = new ArrayList<>();
        for (VariantRecord v : record.variants()) {
            for (int seed : record.seeds()) {
                RunFolder folder = store.run(v.id(), seed);
                runs.add(new StoredRun(v.id(), seed, folder.result().orElse(null), folder.exists(), folder.metrics()));
            }
        }
        String metric = record.variants().get(0).config().path("evaluation").path("metric").asText("loss");
        return new StoredExperiment(root, record, metric, List.copyOf(runs));
    }

    public String name() {
        return record.experiment() == null ? root.getFileName().toString() : record.experiment();
    }

    public String description() {
        return record.description();
    }

    public String hash() {
        return record.hash() == null ? "" : record.hash();
    }

    public String baseline() {
        return record.baseline();
    }

    public List<Integer> seeds() {
        return record.seeds();
    }

    public String taskKind() {
        return record.taskKind();
    }

    public List<MetricDescriptor> metrics() {
        return record.metrics();
    }

    public List<VariantRecord> variants() {
        return record.variants();
    }

    public List<StoredRun> runsOf(String variant) {
        return runs.stream().filter(r -> r.variant().equals(variant)).toList();
    }

    /**
     * The same experiment with {@code name} heading its report instead of the spec's metric.
     *
     * @throws UserException if the experiment's runs do not have that metric
     */
    public StoredExperiment headedBy(String name) {
        List<String> known = metrics().stream().map(MetricDescriptor::name).toList();
        if (!known.contains(name)) {
            throw new UserException("unknown metric '" + name + "' for " + root + "; its runs have: "
                    + String.join(", ", known) + "." + DidYouMean.hint(name, known));
        }
        return new StoredExperiment(root, record, name, runs);
    }

    /** The descriptor of the metric heading the report. */
    public MetricDescriptor headingMetric() {
        return descriptor(metric);
    }

    /** The descriptor of the task's metric {@code name}, as experiment.json lists it. */
    public MetricDescriptor descriptor(String name) {
        return metrics().stream().filter(m -> m.name().equals(name)).findFirst()
                .orElseThrow(() -> new UserException(root + ": experiment.json does not list the metric '" + name + "'"));
    }

    /** The sequence length complexity is evaluated at: the longest source (or, decoder-only, context). */
    public long sequenceLength() {
        return Math.max(1, record.taskShape().maxSourceLength());
    }
}
