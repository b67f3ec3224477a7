package dev.ablate.attention.restricted;

import ai.djl.nn.Block;
import dev.ablate.core.spi.AttentionCapabilities;
import dev.ablate.core.spi.AttentionDescriptor;
import dev.ablate.core.spi.AttentionSetup;
import dev.ablate.core.spi.ComplexityModel;
import dev.ablate.core.spi.ProblemSize;

/**
 * {@code restricted}: self-attention restricted to a neighbourhood of size r around each position
 * (Vaswani et al. 2017, §4 and Table 1), computed in chunks so that no n×n matrix is ever built.
 */
public final class RestrictedAttention implements AttentionDescriptor<RestrictedConfig> {

    public static final String ID = "restricted";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public Class<RestrictedConfig> configType() {
        return RestrictedConfig.class;
    }

    @Override
    public String summary() {
        return "self-attention restricted to keys within distance r of each query; O(r·n·d) time and memory";
    }

    /** Self-attention only: a window over positions has no meaning between two different sequences. */
    @Override
    public AttentionCapabilities capabilities(RestrictedConfig config) {
        return new AttentionCapabilities(true, true, false);
    }

    @Override
    public ComplexityModel complexity(RestrictedConfig config) {
        return new Complexity(config.window());
    }

    @Override
    public Block create(RestrictedConfig config, AttentionSetup setup) {
        return new RestrictedAttentionBlock(config, setup);
    }

    /**
     * Table 1, self-attention (restricted). The numbers follow the chunked computation: queries in
     * chunks of c = min(r, n) positions, each scoring the 3c keys of its own and both neighbouring
     * chunks.
     */
    record Complexity(int window) implements ComplexityModel {

        @Override
        public String perLayer() {
            return "O(r·n·d)";
        }

        @Override
        public String sequentialOperations() {
            return "O(1)";
        }

        @Override
        public String maximumPathLength() {
            return "O(n/r)";
        }

        @Override
        public double flops(ProblemSize s) {
            double d = s.d();
            double chunk = Math.min(window, s.n());
            double padded = Math.ceil(s.n() / chunk) * chunk;
            // Q, K, V and output projections; scores and weights·V over 3c keys per query.
            return 4 * 2 * s.n() * d * d + 2 * padded * 3 * chunk * d + 2 * padded * 3 * chunk * d;
        }

        @Override
        public double activationBytes(ProblemSize s) {
            double d = s.d();
            double chunk = Math.min(window, s.n());
            double padded = Math.ceil(s.n() / chunk) * chunk;
            // input, Q, K, V, context; the windowed K and V (3c per chunk); scores and weights.
            return 4 * (5 * s.n() * d + 2 * 3 * padded * d + 2 * s.h() * padded * 3 * chunk);
        }
    }
}
