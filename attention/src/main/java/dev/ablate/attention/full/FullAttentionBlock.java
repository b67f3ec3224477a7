package dev.ablate.attention.full;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.Dropout;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import dev.ablate.core.spi.AttentionInputs;
import dev.ablate.core.spi.AttentionSetup;
import dev.ablate.core.spi.ComplexityModel;
import dev.ablate.core.spi.tensor.Heads;
import dev.ablate.core.spi.tensor.Masks;
import dev.ablate.core.spi.tensor.Projections;
import dev.ablate.core.spi.tensor.Scalars;

/**
 * MultiHead(Q, K, V) = Concat(head_1, ..., head_h) W^O, head_i = softmax(Q W_i^Q (K W_i^K)ᵀ / √d_k) V W_i^V.
 * All heads run as one batched matrix product.
 */
public final class FullAttentionBlock extends AbstractBlock {

    private static final byte VERSION = 1;

    private final int dModel;
    private final int heads;
    private final boolean causal;
    private final float queryScale;
    private final float dropout;

    final Linear query;
    final Linear key;
    final Linear value;
    final Linear output;

    /** Table 1, self-attention: every query scores every key. */
    public static ComplexityModel complexity() {
        return ComplexityModel.of("O(n²·d)", "O(1)", "O(1)",
                s -> {
                    double n = s.n();
                    double d = s.d();
                    // Q, K, V and output projections; QKᵀ; weights·V.
                    return 4 * 2 * n * d * d + 2 * n * n * d + 2 * n * n * d;
                },
                s -> {
                    double n = s.n();
                    double d = s.d();
                    // input, Q, K, V, context (n·d each); scores and weights (h·n² each).
                    return 4 * (5 * n * d + 2 * s.h() * n * n);
                });
    }

    public FullAttentionBlock(FullConfig config, AttentionSetup setup) {
        super(VERSION);
        this.dModel = setup.dModel();
        this.heads = setup.heads();
        this.causal = setup.causal();
        // Scaling Q before QKᵀ equals scaling the scores, on n·d numbers instead of n².
        this.queryScale = config.scaled() ? (float) (1 / Math.sqrt(setup.headDim())) : 1f;
        this.dropout = config.dropout().floatValue();
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
        long queryLength = x.getShape().get(1);
        long keyLength = memory.getShape().get(1);

        // q: [B, h, Tq, d_k]; k, v: [B, h, Tk, d_k].
        NDArray q = Scalars.multiply(Heads.split(Projections.apply(query, ps, x, training), heads), queryScale);
        NDArray k = Heads.split(Projections.apply(key, ps, memory, training), heads);
        NDArray v = Heads.split(Projections.apply(value, ps, memory, training), heads);

        NDArray scores = q.matMul(k.transpose(0, 1, 3, 2));                             // [B, h, Tq, Tk]
        NDArray bias = Masks.scoreBias(
                x.getManager(), AttentionInputs.keyMask(inputs), causal, 0, queryLength, keyLength);
        if (bias != null) {
            scores = scores.add(bias);
        }
        NDArray weights = scores.softmax(-1);
        if (training && dropout > 0) {
            weights = Dropout.dropout(weights, dropout, true).singletonOrThrow();
        }
        NDArray context = Heads.merge(weights.matMul(v));                               // [B, Tq, dModel]
        return output.forward(ps, new NDList(context), training);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {inputShapes[0]};
    }

    @Override
    protected void initializeChildBlocks(
            NDManager manager, DataType dataType, Shape... inputShapes) {
        Projections.initialize(manager, dataType, dModel, query, key, value, output);
    }
}
