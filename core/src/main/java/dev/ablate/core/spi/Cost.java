package dev.ablate.core.spi;

import java.util.function.ToDoubleFunction;

/**
 * What a component adds to one attention layer's work: floating-point operations of one forward
 * pass (a multiply-add counts as 2) and bytes of float32 activations kept for the backward pass.
 */
public interface Cost {

    /** Nothing: what positions on the embeddings add to an attention layer. */
    Cost NONE = of(s -> 0, s -> 0);

    double flops(ProblemSize size);

    double activationBytes(ProblemSize size);

    static Cost of(ToDoubleFunction<ProblemSize> flops, ToDoubleFunction<ProblemSize> activationBytes) {
        return new Described.Counts(flops, activationBytes);
    }
}
