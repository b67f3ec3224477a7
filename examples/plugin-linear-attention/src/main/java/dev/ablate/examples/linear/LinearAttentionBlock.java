package dev.ablate.examples.linear;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import dev.ablate.core.spi.AttentionInputs;
import dev.ablate.core.spi.AttentionSetup;
import dev.ablate.core.spi.tensor.Heads;
import dev.ablate.core.spi.tensor.Projections;
import dev.ablate.core.spi.tensor.Scalars;

/**
 * Multi-head linear attention. Per head, with φ(x) = elu(x) + 1 applied to each query and key:
 *
 * <pre>
 *   non-causal:  out_i = φ(Q_i)ᵀ (Σ_j φ(K_j) V_jᵀ)     / (φ(Q_i) · Σ_j φ(K_j)     + eps)
 *   causal:      out_i = φ(Q_i)ᵀ (Σ_{j≤i} φ(K_j) V_jᵀ) / (φ(Q_i) · Σ_{j≤i} φ(K_j) + eps)
 * </pre>
 *
 * then Concat(heads) W^O. A padded key gets φ(K_j) = 0, so it adds nothing to either sum. The
 * causal sums are prefix sums over positions of the outer products φ(K_j) V_jᵀ, a [batch, heads,
 * n, d_k, d_v] array: O(n·d²/h) memory per sequence, still linear in n (the paper's CUDA kernel
 * avoids holding them; this block keeps to plain tensor operations). All heads run as one batched
 * operation and no n×n matrix is built.
 */
final class LinearAttentionBlock extends AbstractBlock {

    private static final byte VERSION = 1;

    private final int dModel;
    private final int heads;
    private final boolean causal;
    private final float eps;

    final Linear query;
    final Linear key;
    final Linear value;
    final Linear output;

    LinearAttentionBlock(LinearConfig config, AttentionSetup setup) {
        super(VERSION);
        this.dModel = setup.dModel();
        this.heads = setup.heads();
        this.causal = setup.causal();
        this.eps = config.eps().floatValue();
        this.query = addChildBlock("query", Projections.linear(dModel, true));
        this.key = addChildBlock("key", Projections.linear(dModel, true));
        this.value = addChildBlock("value", Projections.linear(dModel, true));
        this.output = addChildBlock("output", Projections.linear(dModel, true));
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = AttentionInputs.query(inputs);
        NDArray memory = AttentionInputs.keyValue(inputs);
        NDArray keyMask = AttentionInputs.keyMask(inputs);
        long batch = memory.getShape().get(0);
        long queryLength = x.getShape().get(1);
        long keyLength = memory.getShape().get(1);
        if (causal && queryLength != keyLength) {
            throw new IllegalArgumentException("causal linear attention is self-attention: query length "
                    + queryLength + " differs from key length " + keyLength);
        }

        // φ(q): [B, h, Tq, d_k]; φ(k): [B, h, Tk, d_k]; v: [B, h, Tk, d_v].
        NDArray phiQ = featureMap(Heads.split(Projections.apply(query, ps, x, training), heads));
        NDArray phiK = featureMap(Heads.split(Projections.apply(key, ps, memory, training), heads));
        NDArray v = Heads.split(Projections.apply(value, ps, memory, training), heads);
        if (keyMask != null) {
            // φ(K_j) = 0 for a padded key: it adds nothing to the sums below.
            phiK = phiK.mul(keyMask.toType(phiK.getDataType(), false).reshape(batch, 1, keyLength, 1));
        }

        NDArray numerator;                                                                   // [B, h, Tq, d_v]
        NDArray normalizer;                                                                  // [B, h, Tq or 1, d_k]
        if (causal) {
            NDArray states = phiK.expandDims(4).mul(v.expandDims(3)).cumSum(2);              // S_i: [B, h, n, d_k, d_v]
            numerator = phiQ.expandDims(3).matMul(states).squeeze(3);                        // φ(Q_i)ᵀ S_i
            normalizer = phiK.cumSum(2);                                                     // Z_i: [B, h, n, d_k]
        } else {
            NDArray state = phiK.transpose(0, 1, 3, 2).matMul(v);                            // S: [B, h, d_k, d_v]
            numerator = phiQ.matMul(state);                                                  // φ(Q_i)ᵀ S
            normalizer = phiK.sum(new int[] {2}, true);                                      // Z: [B, h, 1, d_k]
        }
        NDArray denominator = phiQ.mul(normalizer).sum(new int[] {3}, true);                 // [B, h, Tq, 1]
        NDArray context = numerator.div(denominator.add(Scalars.constant(denominator, eps)));
        return output.forward(ps, new NDList(Heads.merge(context)), training);               // [B, Tq, dModel]
    }

    /**
     * φ(x) = elu(x) + 1: never negative, so a normalizer is a sum of non-negative terms and, with
     * eps added, never 0. The 1 is an engine-side constant (see {@link Scalars}).
     */
    private static NDArray featureMap(NDArray x) {
        return Activation.elu(x, 1f).add(Scalars.constant(x, 1f));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {inputShapes[0]};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Projections.initialize(manager, dataType, dModel, query, key, value, output);
    }
}
