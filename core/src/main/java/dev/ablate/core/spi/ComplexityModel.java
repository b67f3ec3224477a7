package dev.ablate.core.spi;

import java.util.function.ToDoubleFunction;

/**
 * One row of the paper's Table 1 for an attention, plus the numbers behind it.
 *
 * <p>The symbolic columns use n (sequence length), d (model width), h (heads), d_k (head width)
 * and, where the mechanism has one, r (the window). The numeric methods count one sequence through
 * one attention sub-layer as the block actually computes it (padding and chunking overheads
 * included), so they can be compared with measured time and memory. A kernel plugin's model counts
 * its kernel; {@link AttentionDescriptor#kernel} adds the projections the SPI's block computes.
 */
public interface ComplexityModel extends Cost {

    /** Complexity per layer, e.g. {@code O(n²·d)}. */
    String perLayer();

    /** Minimum number of sequential operations, e.g. {@code O(1)}. */
    String sequentialOperations();

    /** Maximum path length between any two positions, e.g. {@code O(n/r)}. */
    String maximumPathLength();

    /** The same row, its counts increased by {@code extra} (the projections, a positional plugin's work). */
    default ComplexityModel plus(Cost extra) {
        ComplexityModel base = this;
        return of(perLayer(), sequentialOperations(), maximumPathLength(),
                s -> base.flops(s) + extra.flops(s), s -> base.activationBytes(s) + extra.activationBytes(s));
    }

    /** A complexity model from its Table 1 columns and its two counts. */
    static ComplexityModel of(String perLayer, String sequentialOperations, String maximumPathLength,
            ToDoubleFunction<ProblemSize> flops, ToDoubleFunction<ProblemSize> activationBytes) {
        return new Described.Complexity(perLayer, sequentialOperations, maximumPathLength, Cost.of(flops, activationBytes));
    }
}
