package dev.ablate.attention.additive;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.Dropout;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.UniformInitializer;
import ai.djl.util.PairList;
import dev.ablate.core.spi.AttentionInputs;
import dev.ablate.core.spi.AttentionSetup;
import dev.ablate.core.spi.ComplexityModel;
import dev.ablate.core.spi.tensor.Heads;
import dev.ablate.core.spi.tensor.Masks;
import dev.ablate.core.spi.tensor.Projections;

/**
 * Multi-head additive attention. Per head i: score(q, k) = v_iᵀ·tanh(W_i^q·q + W_i^k·k + b_i),
 * weights = softmax over keys, output = Concat(weights·(W_i^v·k)) W^o.
 *
 * <p>The tanh needs a d_k-vector for every query-key pair, so queries are processed
 * {@code queryChunk} at a time: the largest tensor is [batch, heads, queryChunk, n, d_k], never
 * [batch, heads, n, n, d_k].
 */
public final class AdditiveAttentionBlock extends AbstractBlock {

    private static final byte VERSION = 1;

    private final int dModel;
    private final int heads;
    private final boolean causal;
    private final int queryChunk;
    private final float dropout;

    final Linear query;
    final Linear key;
    final Linear value;
    final Linear output;
    /** v: one d_k-vector per head. */
    final Parameter score;

    /**
     * Every query-key pair goes through a d-wide tanh: the same O(n²·d) as dot-product attention
     * but with a larger constant. Chunking bounds the forward pass's working set to
     * chunk·n·d numbers, but training keeps every chunk's tanh output for the backward pass, so
     * the activations kept are n²·d.
     */
    public static ComplexityModel complexity() {
        return ComplexityModel.of("O(n²·d)", "O(1)", "O(1)",
                s -> {
                    double n = s.n();
                    double d = s.d();
                    // Q, K, V, output projections; W_q·q + W_k·k and tanh (n²·d each); vᵀ·tanh; weights·V.
                    return 4 * 2 * n * d * d + 2 * n * n * d + 2 * n * n * d + 2 * n * n * d;
                },
                s -> {
                    double n = s.n();
                    double d = s.d();
                    // input, Q, K, V, context; the tanh outputs (n²·d); scores and weights (h·n² each).
                    return 4 * (5 * n * d + n * n * d + 2 * s.h() * n * n);
                });
    }

    public AdditiveAttentionBlock(AdditiveConfig config, AttentionSetup setup) {
        super(VERSION);
        this.dModel = setup.dModel();
        this.heads = setup.heads();
        this.causal = setup.causal();
        this.queryChunk = config.queryChunk();
        this.dropout = config.dropout().floatValue();
        // One bias inside the tanh is enough: it sits on the key side.
        this.query = addChildBlock("query", Projections.linear(dModel, false));
        this.key = addChildBlock("key", Projections.linear(dModel, true));
        this.value = addChildBlock("value", Projections.linear(dModel, true));
        this.output = addChildBlock("output", Projections.linear(dModel, true));
        this.score = addParameter(Parameter.builder()
                .setName("score")
                .setType(Parameter.Type.WEIGHT)
                .optShape(new Shape(heads, setup.headDim()))
                .optInitializer(new UniformInitializer((float) (1 / Math.sqrt(setup.headDim()))))
                .build());
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = AttentionInputs.query(inputs);
        NDArray memory = AttentionInputs.keyValue(inputs);
        NDArray keyMask = AttentionInputs.keyMask(inputs);
        long queryLength = x.getShape().get(1);
        long keyLength = memory.getShape().get(1);
        long dHead = dModel / heads;

        // q: [B, h, Tq, d_k]; k: [B, h, 1, Tk, d_k], ready to broadcast over queries; v: [B, h, Tk, d_k].
        NDArray q = Heads.split(Projections.apply(query, ps, x, training), heads);
        NDArray k = Heads.split(Projections.apply(key, ps, memory, training), heads).expandDims(2);
        NDArray v = Heads.split(Projections.apply(value, ps, memory, training), heads);
        NDArray scoreVector = ps.getValue(score, x.getDevice(), training).reshape(1, heads, 1, dHead, 1);
        scoreVector.attach(x.getManager());   // a per-pass view: freed with the pass, not kept with the parameter

        NDList contexts = new NDList();
        for (long start = 0; start < queryLength; start += queryChunk) {
            long rows = Math.min(queryChunk, queryLength - start);
            NDArray qChunk = q.get(":, :, {}:{}", start, start + rows).expandDims(3);       // [B, h, rows, 1, d_k]
            NDArray scores = qChunk.add(k).tanh()                                           // [B, h, rows, Tk, d_k]
                    .matMul(scoreVector)
                    .squeeze(-1);                                                           // [B, h, rows, Tk]
            NDArray bias = Masks.scoreBias(x.getManager(), keyMask, causal, start, rows, keyLength);
            if (bias != null) {
                scores = scores.add(bias);
            }
            NDArray weights = scores.softmax(-1);
            if (training && dropout > 0) {
                weights = Dropout.dropout(weights, dropout, true).singletonOrThrow();
            }
            contexts.add(weights.matMul(v));                                                // [B, h, rows, d_k]
        }
        NDArray context = contexts.size() == 1 ? contexts.head() : NDArrays.concat(contexts, 2);
        return output.forward(ps, new NDList(Heads.merge(context)), training);
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
