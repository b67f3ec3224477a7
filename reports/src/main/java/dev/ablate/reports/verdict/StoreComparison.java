package dev.ablate.reports.verdict;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.databind.JsonNode;
import dev.ablate.reports.stats.Estimate;
import dev.ablate.reports.store.StoredExperiment;
import dev.ablate.store.MetricDescriptor;
import dev.ablate.store.VariantRecord;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Two run stores of one spec side by side (before and after a code change, or two machines): for
 * every variant both have and every metric, the paired per-seed differences {@code new − old} and
 * their 95% interval, read as IMPROVED (the interval lies on the metric's better side), REGRESSED
 * (on its worse side) or SAME (it contains 0: no change told apart from noise); and how the
 * variants' configs differ. Runs are counted as {@link Verdicts} counts them (a diverged run is 0 on
 * a higher-is-better metric; a failed or missing one leaves its seed out, noted).
 *
 * @param changes for each variant in either store, the config paths that differ ("model.dropout: 0.1 → 0.2"),
 *     or that the variant is in one store only
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record StoreComparison(String oldExperiment, String newExperiment, List<Row> rows, List<String> changes,
        List<String> notes) {

    /** How a variant's metric moved from the old store to the new. */
    public enum Change {
        IMPROVED,
        REGRESSED,
        SAME,
        /** Fewer than two seeds with values in both stores (and not all equal): nothing to read an interval from. */
        UNCOMPARED;

        @JsonValue
        public String label() {
            return name();
        }
    }

    /**
     * @param difference {@code new − old} over {@code seeds}, null when no seed has both
     * @param notes runs left out or counted specially, in either store
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Row(String variant, String metric, boolean higherIsBetter, Estimate before, Estimate after,
            Estimate difference, List<Integer> seeds, Change change, List<String> notes) {}

    public static StoreComparison of(StoredExperiment old, StoredExperiment current) {
        List<String> notes = new ArrayList<>();
        if (!Objects.equals(old.name(), current.name())) {
            notes.add("the stores are of different experiments: " + old.name() + " and " + current.name());
        }
        List<Row> rows = new ArrayList<>();
        List<String> changes = new ArrayList<>();
        for (VariantRecord v : current.variants()) {
            Optional<VariantRecord> before = old.variants().stream().filter(o -> o.id().equals(v.id())).findFirst();
            if (before.isEmpty()) {
                changes.add(v.id() + ": only in the new store");
                continue;
            }
            differences("", before.get().config(), v.config())
                    .forEach(d -> changes.add(v.id() + ": " + d));
            for (MetricDescriptor metric : current.metrics()) {
                if (old.metrics().stream().anyMatch(m -> m.name().equals(metric.name()))) {
                    rows.add(row(old, current, v.id(), metric));
                }
            }
        }
        old.variants().stream().filter(o -> current.variants().stream().noneMatch(v -> v.id().equals(o.id())))
                .forEach(o -> changes.add(o.id() + ": only in the old store"));
        return new StoreComparison(old.name(), current.name(), List.copyOf(rows), List.copyOf(changes), List.copyOf(notes));
    }

    private static Row row(StoredExperiment old, StoredExperiment current, String variant, MetricDescriptor metric) {
        List<String> notes = new ArrayList<>();
        List<Double> before = new ArrayList<>();
        List<Double> after = new ArrayList<>();
        List<Double> differences = new ArrayList<>();
        List<Integer> seeds = new ArrayList<>();
        for (int seed : current.seeds()) {
            if (!old.seeds().contains(seed)) {
                continue;
            }
            List<String> oldNotes = new ArrayList<>();
            List<String> newNotes = new ArrayList<>();
            Double a = Verdicts.value(old, variant, seed, metric, oldNotes).value();
            Double b = Verdicts.value(current, variant, seed, metric, newNotes).value();
            oldNotes.forEach(n -> notes.add("old: " + n));
            newNotes.forEach(n -> notes.add("new: " + n));
            if (a != null && b != null) {
                seeds.add(seed);
                before.add(a);
                after.add(b);
                differences.add(b - a);
            }
        }
        Estimate d = differences.isEmpty() ? null : Estimate.of(differences);
        return new Row(variant, metric.name(), metric.higherIsBetter(), before.isEmpty() ? null : Estimate.of(before),
                after.isEmpty() ? null : Estimate.of(after), d, List.copyOf(seeds), change(d, differences,
                        metric.higherIsBetter()), List.copyOf(notes));
    }

    static Change change(Estimate d, List<Double> differences, boolean higherIsBetter) {
        if (d == null || !d.hasInterval()) {
            return d != null && differences.stream().allMatch(x -> x == 0) ? Change.SAME : Change.UNCOMPARED;
        }
        boolean up = d.low() > 0;
        boolean down = d.high() < 0;
        if (!up && !down) {
            return Change.SAME;
        }
        return up == higherIsBetter ? Change.IMPROVED : Change.REGRESSED;
    }

    /** The dotted paths where two config trees differ, as "path: old → new". */
    static List<String> differences(String path, JsonNode a, JsonNode b) {
        List<String> out = new ArrayList<>();
        if (a != null && b != null && a.isObject() && b.isObject()) {
            Set<String> names = new LinkedHashSet<>();
            a.fieldNames().forEachRemaining(names::add);
            b.fieldNames().forEachRemaining(names::add);
            for (String name : names) {
                out.addAll(differences(path.isEmpty() ? name : path + "." + name, a.get(name), b.get(name)));
            }
            return out;
        }
        if (!Objects.equals(a, b)) {
            out.add(path + ": " + (a == null ? "(none)" : a.toString()) + " → " + (b == null ? "(none)" : b.toString()));
        }
        return out;
    }
}
