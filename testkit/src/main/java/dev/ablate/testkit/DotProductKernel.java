package dev.ablate.testkit;

import ai.djl.ndarray.NDArray;
import dev.ablate.core.spi.AttentionCapabilities;
import dev.ablate.core.spi.AttentionConfig;
import dev.ablate.core.spi.AttentionDescriptor;
import dev.ablate.core.spi.AttentionKernel;
import dev.ablate.core.spi.ComplexityModel;
import dev.ablate.core.spi.KernelInputs;
import dev.ablate.core.spi.tensor.Scalars;

/**
 * The kit's own scaled dot-product kernel, softmax(QKᵀ/√d_k + bias)V, written apart from Ablate's
 * built-in {@code full}, so positional plugins are checked inside an attention without depending
 * on any attention plugin.
 */
final class DotProductKernel implements AttentionKernel {

    /** Its config: nothing to set. */
    record Config() implements AttentionConfig {}

    static final AttentionDescriptor<Config> DESCRIPTOR = AttentionDescriptor.kernel("kit-dot-product", Config.class,
            "the conformance kit's scaled dot-product kernel", config -> new AttentionCapabilities(true, true, true, true, true),
            config -> ComplexityModel.of("O(n²·d)", "O(1)", "O(1)", s -> 4.0 * s.n() * s.n() * s.headsWidth(),
                    s -> 8.0 * s.h() * s.n() * s.n()),
            (config, setup) -> new DotProductKernel());

    @Override
    public NDArray attend(KernelInputs in) {
        NDArray scores = in.query().matMul(in.key().transpose(0, 1, 3, 2));
        scores = Scalars.multiply(scores, (float) (1 / Math.sqrt(in.headDim())));
        NDArray bias = in.scoreBias(0, in.queryLength());
        return (bias == null ? scores : scores.add(bias)).softmax(-1).matMul(in.value());
    }
}
