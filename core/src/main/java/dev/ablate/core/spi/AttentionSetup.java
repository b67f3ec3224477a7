package dev.ablate.core.spi;

/**
 * The model dimensions an attention block is built for.
 *
 * @param dModel the model width: the width of the input and of the output
 * @param heads the number of query heads h
 * @param headDim d_k = d_v, the width of each head (the paper: dModel / heads; its Table 3 row B
 *     varies it)
 * @param kvHeads the number of key/value heads; each serves heads / kvHeads query heads (grouped-query
 *     attention, Ainslie et al. 2023; 1 is multi-query attention, Shazeer 2019)
 * @param causal whether query {@code i} may only see keys {@code j <= i} (a decoder's self-attention)
 * @param positions what a positional plugin does inside this attention (rotate q and k, bias the
 *     scores), or {@code null} for nothing: cross-attention, and positions that act on the embeddings
 */
public record AttentionSetup(int dModel, int heads, int headDim, int kvHeads, boolean causal,
        AttentionPositions positions) {

    public AttentionSetup {
        ConfigCheck.atLeast("dModel", dModel, 1);
        ConfigCheck.atLeast("heads", heads, 1);
        ConfigCheck.atLeast("headDim", headDim, 1);
        ConfigCheck.atLeast("kvHeads", kvHeads, 1);
        ConfigCheck.divides("kvHeads", kvHeads, "heads", heads);
    }

    /** The paper's setup: d_k = dModel / heads, as many key/value heads as query heads, no positions inside. */
    public AttentionSetup(int dModel, int heads, boolean causal) {
        this(dModel, heads, paperHeadDim(dModel, heads), heads, causal, null);
    }

    /** The same setup with {@code positions} acting inside it. */
    public AttentionSetup withPositions(AttentionPositions positions) {
        return new AttentionSetup(dModel, heads, headDim, kvHeads, causal, positions);
    }

    private static int paperHeadDim(int dModel, int heads) {
        ConfigCheck.atLeast("heads", heads, 1);
        ConfigCheck.divides("heads", heads, "dModel", dModel);
        return dModel / heads;
    }
}
