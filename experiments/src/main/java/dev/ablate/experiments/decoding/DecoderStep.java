package dev.ablate.experiments.decoding;

import ai.djl.ndarray.NDArray;

/**
 * One step of an autoregressive decoder: the next-token distribution for a batch of prefixes. The
 * searches ({@link Greedy}, {@link BeamSearch}) see the model only through this, so they can be
 * tested against a hand-made distribution.
 */
public interface DecoderStep {

    /**
     * Log-probabilities of the token that follows each prefix.
     *
     * @param prefixes {@code [rows, t]} INT32 token ids, each row starting with BOS; every row has the
     *     same length {@code t >= 1}
     * @param origin {@code [rows]} INT64: the source row (of the batch being decoded) each prefix
     *     continues; rows may repeat and come in any order
     * @return {@code [rows, vocabulary]} FLOAT32 log-probabilities, a new array attached to
     *     {@code prefixes}' manager: the caller owns it and closes it with that manager (arrays the
     *     step makes along the way should go there too, so that a search frees a step's memory by
     *     closing one manager)
     */
    NDArray next(NDArray prefixes, NDArray origin);
}
