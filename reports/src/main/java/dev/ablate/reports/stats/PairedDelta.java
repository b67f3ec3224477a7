package dev.ablate.reports.stats;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The difference between a variant and the baseline, paired by seed: {@code d_s = x_s − b_s} over the
 * seeds both completed, summarized as an {@link Estimate}. Pairing removes the seed-to-seed variation
 * the two share (same data order and initialization seed), so the interval is usually narrower than
 * one from two independent samples. A difference whose interval contains 0 is within noise.
 */
public record PairedDelta(Estimate difference, List<Integer> seeds) {

    /** {@code variant} and {@code baseline} map seeds to values; {@code null} when no seed is shared. */
    public static PairedDelta of(Map<Integer, Double> variant, Map<Integer, Double> baseline) {
        List<Integer> seeds = new ArrayList<>();
        List<Double> differences = new ArrayList<>();
        for (Map.Entry<Integer, Double> e : variant.entrySet()) {
            Double b = baseline.get(e.getKey());
            if (b != null) {
                seeds.add(e.getKey());
                differences.add(e.getValue() - b);
            }
        }
        return seeds.isEmpty() ? null : new PairedDelta(Estimate.of(differences), List.copyOf(seeds));
    }

    /** The interval contains 0, or there is no interval (one shared seed): no claim of a difference. */
    @JsonProperty
    public boolean withinNoise() {
        return !difference.hasInterval() || difference.contains(0);
    }
}
