package dev.ablate.reports.complexity;

import dev.ablate.core.spi.ComplexityModel;
import dev.ablate.core.spi.ProblemSize;
import java.util.List;

/**
 * The paper's Table 1 (complexity per layer, sequential operations, maximum path length) for a set
 * of attention variants, with each variant's forward FLOPs and kept activations at one problem size.
 */
public final class ComplexityTable {

    /** One variant: how reports name it, and its complexity model. */
    public record Row(String variant, ComplexityModel complexity) {}

    private ComplexityTable() {}

    /** A Markdown table, one row per variant, in the given order. */
    public static String markdown(List<Row> rows, ProblemSize at) {
        StringBuilder s = new StringBuilder();
        s.append("| attention | complexity per layer | sequential operations | maximum path length | FLOPs at n=")
                .append(at.n()).append(", d=").append(at.d()).append(", h=").append(at.h())
                .append(" | activations kept |\n");
        s.append("|---|---|---|---|---:|---:|\n");
        for (Row row : rows) {
            ComplexityModel c = row.complexity();
            s.append("| ").append(row.variant())
                    .append(" | ").append(c.perLayer())
                    .append(" | ").append(c.sequentialOperations())
                    .append(" | ").append(c.maximumPathLength())
                    .append(" | ").append(Units.flops(c.flops(at)))
                    .append(" | ").append(Units.bytes(c.activationBytes(at)))
                    .append(" |\n");
        }
        return s.toString();
    }
}
