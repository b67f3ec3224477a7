package dev.ablate.experiments.decoding;

import ai.djl.ndarray.NDManager;
import java.util.List;

/** A way to turn a {@link DecoderStep} into output sequences: {@link Greedy} or {@link BeamSearch}. */
public interface Decoding {

    /**
     * Decodes every source row of a batch.
     *
     * @param step the model, one token at a time
     * @param batch the number of source rows (the {@code origin} values passed to {@code step} are
     *     {@code 0 .. batch - 1})
     * @param bos the token every prefix starts with
     * @param eos the token that ends an output
     * @param maxLengths per source row, the most output tokens to produce, EOS not counted; a row
     *     that reaches it stops without an EOS ({@code >= 0}; 0 gives an empty output without
     *     running the model for that row)
     * @param manager where the per-step arrays are made (in a sub-manager closed after each step)
     * @return per source row, the output tokens without BOS and without EOS
     */
    List<int[]> decode(DecoderStep step, int batch, int bos, int eos, int[] maxLengths, NDManager manager);
}
