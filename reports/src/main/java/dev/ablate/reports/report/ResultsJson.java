package dev.ablate.reports.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.ablate.reports.accuracy.Comparison;
import dev.ablate.reports.accuracy.VariantSummary;
import dev.ablate.reports.complexity.VariantComplexity;
import dev.ablate.reports.stats.Estimate;
import dev.ablate.reports.stats.PairedDelta;
import dev.ablate.reports.store.StoredRun;
import dev.ablate.store.RunResult;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * results.json as a report writes it: every run's result.json plus one summary
 * per variant, with intervals and paired deltas. Missing values (one seed has no spread) are null,
 * never NaN, so any JSON reader takes the file.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ResultsJson(
        String experiment,
        String hash,
        String metric,
        String baseline,
        double confidence,
        List<VariantRecord> variants,
        List<RunResult> runs) {

    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record EstimateRecord(int n, double mean, Double std, Double low, Double high) {

        static EstimateRecord of(Estimate e) {
            return e == null ? null : new EstimateRecord(e.n(), e.mean(), finite(e.std()), finite(e.low()), finite(e.high()));
        }
    }

    public record DeltaRecord(EstimateRecord difference, List<Integer> seeds, boolean withinNoise) {

        static DeltaRecord of(PairedDelta d) {
            return new DeltaRecord(EstimateRecord.of(d.difference()), d.seeds(), d.withinNoise());
        }
    }

    public record ComplexityRecord(String attention, String perLayer, String sequentialOperations,
            String maximumPathLength, long n, long d, long h, Double flops, Double activationBytes) {

        static ComplexityRecord of(VariantComplexity c) {
            if (c.complexity() == null) {
                return new ComplexityRecord(c.attention(), null, null, null, c.size().n(), c.size().d(), c.size().h(),
                        null, null);
            }
            return new ComplexityRecord(c.attention(), c.complexity().perLayer(), c.complexity().sequentialOperations(),
                    c.complexity().maximumPathLength(), c.size().n(), c.size().d(), c.size().h(), c.flops(),
                    c.activationBytes());
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record VariantRecord(
            String variant,
            boolean baseline,
            Long parameters,
            int seeds,
            int completed,
            List<String> notes,
            Map<String, EstimateRecord> metrics,
            Map<String, DeltaRecord> deltas,
            EstimateRecord trainTokensPerSecond,
            EstimateRecord medianStepMs,
            Long peakGpuMemoryBytes,
            ComplexityRecord complexity) {}

    static ResultsJson of(Comparison comparison, List<VariantComplexity> complexities) {
        List<VariantRecord> variants = comparison.rows().stream().map(r -> record(r, complexities)).toList();
        List<RunResult> runs = comparison.experiment().runs().stream().map(StoredRun::result).filter(Objects::nonNull)
                .toList();
        var e = comparison.experiment();
        return new ResultsJson(e.name(), e.hash(), e.metric(), e.baseline(), Estimate.LEVEL, variants, runs);
    }

    private static VariantRecord record(VariantSummary r, List<VariantComplexity> complexities) {
        Map<String, EstimateRecord> metrics = new LinkedHashMap<>();
        r.metrics().forEach((k, v) -> metrics.put(k, EstimateRecord.of(v)));
        Map<String, DeltaRecord> deltas = new LinkedHashMap<>();
        r.deltas().forEach((k, v) -> deltas.put(k, DeltaRecord.of(v)));
        ComplexityRecord complexity = complexities.stream().filter(c -> c.variant().equals(r.variant())).findFirst()
                .map(ComplexityRecord::of).orElse(null);
        return new VariantRecord(r.variant(), r.baseline(), r.parameters(), r.seeds(), r.completed(), r.notes(), metrics,
                deltas, EstimateRecord.of(r.tokensPerSecond()), EstimateRecord.of(r.medianStepMs()), r.peakMemoryBytes(),
                complexity);
    }

    private static Double finite(double x) {
        return Double.isFinite(x) ? x : null;
    }
}
