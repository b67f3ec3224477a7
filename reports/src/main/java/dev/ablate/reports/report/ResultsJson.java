package dev.ablate.reports.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import dev.ablate.reports.accuracy.Comparison;
import dev.ablate.reports.accuracy.VariantSummary;
import dev.ablate.reports.complexity.VariantComplexity;
import dev.ablate.reports.stats.Estimate;
import dev.ablate.reports.store.StoredRun;
import dev.ablate.reports.verdict.Verdict;
import dev.ablate.store.RunResult;
import java.util.List;
import java.util.Objects;

/**
 * results.json as a report writes it: the verdict on each claim of the spec (when it makes any),
 * every run's result.json plus one summary per variant (its
 * {@link VariantSummary}, with intervals and paired deltas, and its complexity). Missing values (one
 * seed has no spread) are null, never NaN, so any JSON reader takes the file.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ResultsJson(
        String experiment,
        String hash,
        String metric,
        String baseline,
        double confidence,
        List<Verdict> verdicts,
        List<VariantRecord> variants,
        List<RunResult> runs) {

    /** A variant's summary, and its complexity beside it. */
    public record VariantRecord(@JsonUnwrapped VariantSummary summary, ComplexityRecord complexity) {}

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

    static ResultsJson of(Comparison comparison, List<VariantComplexity> complexities, List<Verdict> verdicts) {
        List<VariantRecord> variants = comparison.rows().stream().map(r -> new VariantRecord(r,
                complexities.stream().filter(c -> c.variant().equals(r.variant())).findFirst()
                        .map(ComplexityRecord::of).orElse(null))).toList();
        List<RunResult> runs = comparison.experiment().runs().stream().map(StoredRun::result).filter(Objects::nonNull)
                .toList();
        var e = comparison.experiment();
        return new ResultsJson(e.name(), e.hash(), e.metric(), e.baseline(), Estimate.LEVEL,
                verdicts.isEmpty() ? null : verdicts, variants, runs);
    }
}
