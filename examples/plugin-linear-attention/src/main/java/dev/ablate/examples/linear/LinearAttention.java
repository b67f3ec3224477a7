package dev.ablate.examples.linear;

import ai.djl.nn.Block;
import dev.ablate.core.spi.AttentionCapabilities;
import dev.ablate.core.spi.AttentionDescriptor;
import dev.ablate.core.spi.AttentionSetup;
import dev.ablate.core.spi.ComplexityModel;
import dev.ablate.core.spi.ProblemSize;

/**
 * {@code linear}: linear attention (Katharopoulos et al. 2020, "Transformers are RNNs"). The
 * softmax kernel exp(q·k) is replaced by φ(q)·φ(k) with φ(x) = elu(x) + 1, so that the sum over
 * keys can be taken once, before the queries: out_i = φ(Q_i)ᵀ Σ_j φ(K_j) V_jᵀ / (φ(Q_i)·Σ_j φ(K_j)
 * + eps). Time O(n·d²) per layer instead of O(n²·d); no n×n matrix is ever built.
 */
public final class LinearAttention implements AttentionDescriptor<LinearConfig> {

    public static final String ID = "linear";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public Class<LinearConfig> configType() {
        return LinearConfig.class;
    }

    @Override
    public String summary() {
        return "linear attention, φ(x)=elu(x)+1 (Katharopoulos et al. 2020); O(n·d²) time";
    }

    /** Causal through prefix sums over positions; padding by zeroing φ of padded keys. */
    @Override
    public AttentionCapabilities capabilities(LinearConfig config) {
        return new AttentionCapabilities(true, true, true);
    }

    @Override
    public ComplexityModel complexity(LinearConfig config) {
        return new Complexity();
    }

    @Override
    public Block create(LinearConfig config, AttentionSetup setup) {
        return new LinearAttentionBlock(config, setup);
    }

    /**
     * The Table 1 row of linear attention, and its numbers for one sequence of n positions through
     * one layer of width d with h heads (d_k = d_v = d/h), counted as {@link LinearAttentionBlock}
     * computes them and with the conventions of the built-in {@code full} attention: a
     * multiply-add is 2 flops, and element-wise work (here φ, the padding mask, the + eps and the
     * division; in {@code full}, the scaling and the softmax) is not counted.
     *
     * <p>Flops, the same with and without the causal mask:
     *
     * <ul>
     *   <li>Q, K, V and output projections: 4 · 2·n·d².
     *   <li>The key-value sums and their read-out, 4·n·d²/h. Without the mask, Σ_j φ(K_j)V_jᵀ is a
     *       product of a d_k×n by an n×d_v matrix per head (2·n·d²/h), read out by φ(Q)·KV (2·n·d²/h).
     *       With it, the outer products φ(K_j)V_jᵀ (n·d²/h multiplies), their prefix sums S_i (n·d²/h
     *       adds) and φ(Q_i)ᵀS_i (2·n·d²/h).
     *   <li>The normalizer: the sums (or prefix sums) Z of φ(K) (n·d adds) and φ(Q)·Z (2·n·d).
     * </ul>
     *
     * <p>Activation bytes (float32), counted like {@code full}'s for the pass without the causal
     * mask (Table 1's self-attention row; the complexity model is not told whether the block is
     * causal): input, Q, K, V, φ(Q), φ(K), numerator and context (n·d each); the sums S = Σ_j
     * φ(K_j)V_jᵀ (d_k·d_v per head: d²/h) and Z = Σ_j φ(K_j) (d); the denominators (h·n). The causal
     * pass keeps a sum per position instead: the outer products φ(K_j)V_jᵀ and their prefix sums
     * S_i (n·d²/h each) and Z_i (n·d), 9·n·d + 2·n·d²/h + h·n numbers in all. Both are linear in n,
     * but the causal 2·n·d²/h exceeds full attention's 2·h·n² scores and weights until n > d²/h², so at
     * short lengths a causal linear layer keeps more than a full one. (The paper's CUDA kernel
     * avoids holding the prefix sums; this block keeps to plain tensor operations.)
     */
    record Complexity() implements ComplexityModel {

        @Override
        public String perLayer() {
            return "O(n·d²)";
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
            double h = s.h();
            // Q, K, V and output projections; key-value sums and their read-out; normalizer.
            return 4 * 2 * n * d * d + 4 * n * d * d / h + 3 * n * d;
        }

        @Override
        public double activationBytes(ProblemSize s) {
            double n = s.n();
            double d = s.d();
            double h = s.h();
            // input, Q, K, V, φ(Q), φ(K), numerator, context; denominators; S; Z.
            return 4 * (8 * n * d + h * n + d * d / h + d);
        }
    }
}
