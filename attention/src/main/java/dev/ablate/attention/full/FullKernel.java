package dev.ablate.attention.full;

import ai.djl.ndarray.NDArray;
import dev.ablate.core.spi.AttentionKernel;
import dev.ablate.core.spi.ComplexityModel;
import dev.ablate.core.spi.KernelInputs;
import dev.ablate.core.spi.tensor.Scalars;

/**
 * Scaled dot-product attention (§3.2.1): softmax(QKᵀ/√d_k + bias)V, all heads as one batched matrix
 * product. The bias holds the padding and causal masks and, when a positional plugin biases scores
 * (ALiBi, relative), its bias.
 */
public final class FullKernel implements AttentionKernel {

    private final boolean scaled;
    private final float dropout;

    public FullKernel(FullConfig config) {
        this.scaled = config.scaled();
        this.dropout = config.dropout().floatValue();
    }

    /**
     * Table 1, self-attention: every query scores every key, causal or not (the mask hides half the
     * scores, it does not skip them). Counts: QKᵀ and weights·V (2·n²·h·d_k flops each); the scores
     * and weights kept (h·n² each).
     */
    public static ComplexityModel complexity() {
        return ComplexityModel.of("O(n²·d)", "O(1)", "O(1)",
                s -> 2 * 2.0 * s.n() * s.n() * s.headsWidth(),
                s -> 4 * 2.0 * s.h() * s.n() * s.n());
    }

    @Override
    public NDArray attend(KernelInputs in) {
        // Scaling Q before QKᵀ equals scaling the scores, on n·d numbers instead of n².
        NDArray q = scaled ? Scalars.multiply(in.query(), (float) (1 / Math.sqrt(in.headDim()))) : in.query();
        NDArray scores = q.matMul(in.key().transpose(0, 1, 3, 2));                  // [B, h, Tq, Tk]
        NDArray bias = in.scoreBias(0, in.queryLength());
        if (bias != null) {
            scores = scores.add(bias);
        }
        NDArray weights = in.dropout(scores.softmax(-1), dropout);
        return weights.matMul(in.value());                                          // [B, h, Tq, d_k]
    }
}
