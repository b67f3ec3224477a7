package dev.ablate.examples.linear;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Activation;
import dev.ablate.core.spi.AttentionCapabilities;
import dev.ablate.core.spi.AttentionDescriptor;
import dev.ablate.core.spi.AttentionKernel;
import dev.ablate.core.spi.ComplexityModel;
import dev.ablate.core.spi.KernelInputs;
import dev.ablate.core.spi.tensor.Scalars;

/**
 * {@code linear}: linear attention (Katharopoulos et al. 2020, "Transformers are RNNs"), as a kernel:
 * Ablate's multi-head block projects and splits the heads, this class holds the math. Per head, with
 * φ(x) = elu(x) + 1 applied to each query and key:
 *
 * <pre>
 *   non-causal:  out_i = φ(Q_i)ᵀ (Σ_j φ(K_j) V_jᵀ)     / (φ(Q_i) · Σ_j φ(K_j)     + eps)
 *   causal:      out_i = φ(Q_i)ᵀ (Σ_{j≤i} φ(K_j) V_jᵀ) / (φ(Q_i) · Σ_{j≤i} φ(K_j) + eps)
 * </pre>
 *
 * A padded key gets φ(K_j) = 0, so it adds nothing to either sum. The causal sums are prefix sums
 * over positions of the outer products φ(K_j) V_jᵀ, a [batch, heads, n, d_k, d_v] array: O(n·d²/h)
 * memory per sequence, still linear in n (the paper's CUDA kernel avoids holding them; this kernel
 * keeps to plain tensor operations). No n×n matrix is built, so there is no score matrix for
 * ALiBi or a relative bias to act on; and rotary positions would need the rotation after φ (Su et
 * al. 2021, §3.3), which the shared block does before. Both are refused when a spec is validated.
 */
public final class LinearAttention implements AttentionKernel {

    public static final String ID = "linear";

    /** Causal through prefix sums; padding by zeroing φ of padded keys; no positions inside. */
    public static final AttentionDescriptor<LinearConfig> DESCRIPTOR = AttentionDescriptor.kernel(ID,
            LinearConfig.class, "linear attention, φ(x)=elu(x)+1 (Katharopoulos et al. 2020); O(n·d²) time",
            config -> new AttentionCapabilities(true, true, true, false, false), config -> complexity(),
            (config, setup) -> new LinearAttention(config));

    private final float eps;

    LinearAttention(LinearConfig config) {
        this.eps = config.eps().floatValue();
    }

    @Override
    public NDArray attend(KernelInputs in) {
        long batch = in.key().getShape().get(0);
        if (in.causal() && in.queryLength() != in.keyLength()) {
            throw new IllegalArgumentException("causal linear attention is self-attention: query length "
                    + in.queryLength() + " differs from key length " + in.keyLength());
        }
        NDArray phiQ = featureMap(in.query());                                              // [B, h, Tq, d_k]
        NDArray phiK = featureMap(in.key());                                                // [B, h, Tk, d_k]
        NDArray v = in.value();                                                             // [B, h, Tk, d_v]
        if (in.keyMask() != null) {
            // φ(K_j) = 0 for a padded key: it adds nothing to the sums below.
            phiK = phiK.mul(in.keyMask().toType(phiK.getDataType(), false).reshape(batch, 1, in.keyLength(), 1));
        }

        NDArray numerator;                                                                  // [B, h, Tq, d_v]
        NDArray normalizer;                                                                 // [B, h, Tq or 1, d_k]
        if (in.causal()) {
            NDArray states = phiK.expandDims(4).mul(v.expandDims(3)).cumSum(2);             // S_i: [B, h, n, d_k, d_v]
            numerator = phiQ.expandDims(3).matMul(states).squeeze(3);                       // φ(Q_i)ᵀ S_i
            normalizer = phiK.cumSum(2);                                                    // Z_i: [B, h, n, d_k]
        } else {
            NDArray state = phiK.transpose(0, 1, 3, 2).matMul(v);                           // S: [B, h, d_k, d_v]
            numerator = phiQ.matMul(state);                                                 // φ(Q_i)ᵀ S
            normalizer = phiK.sum(new int[] {2}, true);                                     // Z: [B, h, 1, d_k]
        }
        NDArray denominator = phiQ.mul(normalizer).sum(new int[] {3}, true);                // [B, h, Tq, 1]
        return numerator.div(denominator.add(Scalars.constant(denominator, eps)));
    }

    /**
     * φ(x) = elu(x) + 1: never negative, so a normalizer is a sum of non-negative terms and, with
     * eps added, never 0. The 1 is an engine-side constant (see {@link Scalars}).
     */
    private static NDArray featureMap(NDArray x) {
        return Activation.elu(x, 1f).add(Scalars.constant(x, 1f));
    }

    /**
     * The Table 1 row of linear attention and the kernel's counts for one sequence of n positions
     * (the shared block adds its four projections), with the conventions of the built-in kernels: a
     * multiply-add is 2 flops, and element-wise work (φ, the padding mask, the + eps and the
     * division) is not counted.
     *
     * <p>Flops, the same with and without the causal mask: the key-value sums and their read-out,
     * 4·n·h·d_k² (without the mask, Σ_j φ(K_j)V_jᵀ is a d_k×n by n×d_v product per head and φ(Q)·S
     * another; with it, the outer products, their prefix sums and φ(Q_i)ᵀS_i); the normalizer, its
     * sums of φ(K) (n·h·d_k adds) and φ(Q)·Z (2·n·h·d_k).
     *
     * <p>Activation bytes (float32), for the pass without the causal mask: φ(Q), φ(K) and the
     * numerator (n·h·d_k each), the denominators (h·n), S (h·d_k²) and Z (h·d_k). The causal pass keeps
     * the outer products and their prefix sums instead (n·h·d_k² each), which exceed full attention's
     * 2·h·n² scores and weights until n > d_k²: at short lengths a causal linear layer keeps more.
     */
    static ComplexityModel complexity() {
        return ComplexityModel.of("O(n·d²)", "O(1)", "O(1)",
                s -> 4.0 * s.n() * s.h() * s.dk() * s.dk() + 3.0 * s.n() * s.headsWidth(),
                s -> 4 * (3.0 * s.n() * s.headsWidth() + s.h() * s.n() + s.h() * s.dk() * s.dk() + s.headsWidth()));
    }
}
