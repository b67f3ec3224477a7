package dev.ablate.core.spi;

import java.util.function.ToDoubleFunction;

/**
 * One row of the paper's Table 1 for an attention, plus the numbers behind it.
 *
 * <p>The symbolic columns use n (sequence length), d (model width), h (heads) and, where the
 * mechanism has one, r (the window). The numeric methods count one sequence through one attention
 * sub-layer, projections included, as the block actually computes it (padding and chunking
 * overheads included), so they can be compared with measured time and memory.
 */
public interface ComplexityModel {

    /** Complexity per layer, e.g. {@code O(n²·d)}. */
    String perLayer();

    /** Minimum number of sequential operations, e.g. {@code O(1)}. */
    String sequentialOperations();

    /** Maximum path length between any two positions, e.g. {@code O(n/r)}. */
    String maximumPathLength();

    /** Floating-point operations of one forward pass (a multiply-add counts as 2). */
    double flops(ProblemSize size);

    /** Bytes of float32 activations the forward pass keeps for the backward pass. */
    double activationBytes(ProblemSize size);

    /** A complexity model from its Table 1 columns and its two counts. */
    static ComplexityModel of(String perLayer, String sequentialOperations, String maximumPathLength,
            ToDoubleFunction<ProblemSize> flops, ToDoubleFunction<ProblemSize> activationBytes) {
        return new Described.Complexity(perLayer, sequentialOperations, maximumPathLength, flops, activationBytes);
    }
}
