package dev.ablate.models.transformer;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.nn.Block;
import ai.djl.nn.norm.Dropout;
import ai.djl.training.ParameterStore;
import dev.ablate.core.model.NormPlacement;
import java.util.function.UnaryOperator;

/**
 * The residual connection around a sub-layer, with the norm where the model puts it:
 * post (the paper): {@code x = Norm(x + Dropout(Sublayer(x)))};
 * pre: {@code x = x + Dropout(Sublayer(Norm(x)))}.
 */
record Residual(NormPlacement placement, float dropout) {

    NDArray apply(ParameterStore ps, Block norm, NDArray x, NDArray mask, boolean training, UnaryOperator<NDArray> sublayer) {
        if (placement == NormPlacement.POST) {
            return normalize(ps, norm, x.add(dropout(sublayer.apply(x), dropout, training)), mask, training);
        }
        return x.add(dropout(sublayer.apply(normalize(ps, norm, x, mask, training)), dropout, training));
    }

    /** Runs a norm block; the mask lets norms with batch statistics leave padding out. */
    static NDArray normalize(ParameterStore ps, Block norm, NDArray x, NDArray mask, boolean training) {
        return norm.forward(ps, mask == null ? new NDList(x) : new NDList(x, mask), training).head();
    }

    static NDArray dropout(NDArray x, float rate, boolean training) {
        return training && rate > 0 ? Dropout.dropout(x, rate, true).head() : x;
    }
}
