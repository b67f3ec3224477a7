package dev.ablate.attention.additive;

import ai.djl.nn.Block;
import dev.ablate.core.spi.AttentionCapabilities;
import dev.ablate.core.spi.AttentionDescriptor;
import dev.ablate.core.spi.AttentionSetup;
import dev.ablate.core.spi.ComplexityModel;
import dev.ablate.core.spi.ProblemSize;

/**
 * {@code additive}: multi-head additive attention, score(q, k) = vᵀ·tanh(W_q·q + W_k·k) per head
 * (Bahdanau et al. 2015), the alternative the paper compares dot-product attention with (§3.2.1).
 */
public final class AdditiveAttention implements AttentionDescriptor<AdditiveConfig> {

    public static final String ID = "additive";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public Class<AdditiveConfig> configType() {
        return AdditiveConfig.class;
    }

    @Override
    public String summary() {
        return "multi-head additive attention, vᵀ·tanh(W_q·q + W_k·k) (Bahdanau et al. 2015), queries in chunks";
    }

    @Override
    public AttentionCapabilities capabilities(AdditiveConfig config) {
        return new AttentionCapabilities(true, true, true);
    }

    @Override
    public ComplexityModel complexity(AdditiveConfig config) {
        return new Complexity(config.queryChunk());
    }

    @Override
    public Block create(AdditiveConfig config, AttentionSetup setup) {
        return new AdditiveAttentionBlock(config, setup);
    }

    /**
     * Every query-key pair goes through a d-wide tanh: the same O(n²·d) as dot-product attention
     * but with a larger constant. Chunking bounds the forward pass's working set to
     * chunk·n·d numbers, but training keeps every chunk's tanh output for the backward pass, so
     * the activations kept are n²·d.
     */
    record Complexity(int queryChunk) implements ComplexityModel {

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
            // Q, K, V, output projections; W_q·q + W_k·k and tanh (n²·d each); vᵀ·tanh; weights·V.
            return 4 * 2 * n * d * d + 2 * n * n * d + 2 * n * n * d + 2 * n * n * d;
        }

        @Override
        public double activationBytes(ProblemSize s) {
            double n = s.n();
            double d = s.d();
            // input, Q, K, V, context; the tanh outputs (n²·d); scores and weights (h·n² each).
            return 4 * (5 * n * d + n * n * d + 2 * s.h() * n * n);
        }
    }
}
