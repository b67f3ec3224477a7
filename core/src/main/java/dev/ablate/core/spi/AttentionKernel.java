package dev.ablate.core.spi;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Parameter;
import java.util.List;

/**
 * The part of multi-head attention that differs between variants: from the projected, split
 * queries, keys and values to the context, per head. Ablate's {@link
 * dev.ablate.core.spi.tensor.MultiHeadAttention} does the rest (projections, heads, grouped keys and
 * values, rotary positions, the output projection, initialization), so a kernel holds only its math.
 * Make one a plugin with {@link AttentionDescriptor#kernel}.
 *
 * <p>The contract: a padded key never influences any output; under {@link KernelInputs#causal()}
 * query {@code i} never sees key {@code j > i}; a kernel that declares {@link
 * AttentionCapabilities#scoreBias()} adds {@link KernelInputs#positionBias} to its scores.
 */
public interface AttentionKernel {

    /** The context {@code [batch, heads, queryLength, headDim]}. */
    NDArray attend(KernelInputs inputs);

    /**
     * Parameters of the kernel's own (additive attention's score vector); their names must differ
     * from those of the positions it may be combined with. Read them with {@link KernelInputs#parameter}.
     */
    default List<Parameter> parameters() {
        return List.of();
    }
}
