package dev.ablate.core.spi;

/**
 * The model dimensions an attention block is built for.
 *
 * @param dModel the model width; queries, keys, values and the output all have this width
 * @param heads the number of heads; each head has {@code dModel / heads} dimensions
 * @param causal whether query {@code i} may only see keys {@code j <= i} (a decoder's self-attention)
 */
public record AttentionSetup(int dModel, int heads, boolean causal) {

    public AttentionSetup {
        ConfigCheck.atLeast("dModel", dModel, 1);
        ConfigCheck.atLeast("heads", heads, 1);
        ConfigCheck.divides("heads", heads, "dModel", dModel);
    }

    /** d_k = d_v = dModel / heads. */
    public int headDim() {
        return dModel / heads;
    }
}
