package dev.ablate.attention.full;

import ai.djl.nn.Block;
import dev.ablate.core.spi.AttentionCapabilities;
import dev.ablate.core.spi.AttentionDescriptor;
import dev.ablate.core.spi.AttentionSetup;
import dev.ablate.core.spi.ComplexityModel;
import dev.ablate.core.spi.ProblemSize;

/** {@code full}: multi-head scaled dot-product attention, softmax(QKᵀ/√d_k)V (Vaswani et al. 2017, §3.2). */
public final class FullAttention implements AttentionDescriptor<FullConfig> {

    public static final String ID = "full";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public Class<FullConfig> configType() {
        return FullConfig.class;
    }

    @Override
    public String summary() {
        return "multi-head scaled dot-product attention, softmax(QKᵀ/√d_k)V (Vaswani et al. 2017)";
    }

    @Override
    public AttentionCapabilities capabilities(FullConfig config) {
        return new AttentionCapabilities(true, true, true);
    }

    @Override
    public ComplexityModel complexity(FullConfig config) {
        return new Complexity();
    }

    @Override
    public Block create(FullConfig config, AttentionSetup setup) {
        return new FullAttentionBlock(config, setup);
    }

    /** Table 1, self-attention: every query scores every key. */
    record Complexity() implements ComplexityModel {

        @Override
        public String perLayer() {
            return "O(n²·d)";
        }

        @Override
        public String sequentialOperations() {
            return "O(1)";
        }

        @Override
        public String maximumPathLength() {
            return "O(1)";
        }

        @Override
        public double flops(ProblemSize s) {
            double n = s.n();
            double d = s.d();
            // Q, K, V and output projections; QKᵀ; weights·V.
            return 4 * 2 * n * d * d + 2 * n * n * d + 2 * n * n * d;
        }

        @Override
        public double activationBytes(ProblemSize s) {
            double n = s.n();
            double d = s.d();
            // input, Q, K, V, context (n·d each); scores and weights (h·n² each).
            return 4 * (5 * n * d + 2 * s.h() * n * n);
        }
    }
}
