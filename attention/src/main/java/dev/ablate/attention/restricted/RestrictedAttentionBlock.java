package dev.ablate.attention.restricted;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
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
 * Multi-head scaled dot-product attention in which query i sees only keys j with |i - j| <= r
 * (and j <= i when causal).
 *
 * <p>The sequence is cut into chunks of c = min(r, n) positions. Every key within distance r of a
 * query lies in the query's own chunk or one of its two neighbours, so each chunk of queries scores
 * a window of 3c keys, and a band mask removes the keys farther than r. Scores take
 * [batch, heads, n/c, c, 3c] numbers: O(r·n) per head, never n².
 */
public final class RestrictedAttentionBlock extends AbstractBlock {

    private static final byte VERSION = 1;

    private final int dModel;
    private final int heads;
    private final int window;
    private final boolean causal;
    private final float queryScale;
    private final float dropout;

    final Linear query;
    final Linear key;
    final Linear value;
    final Linear output;

    /**
     * Table 1, self-attention (restricted). The numbers follow the chunked computation: queries in
     * chunks of c = min(r, n) positions, each scoring the 3c keys of its own and both neighbouring
     * chunks.
     */
    public static ComplexityModel complexity(int window) {
        return ComplexityModel.of("O(r·n·d)", "O(1)", "O(n/r)",
                s -> {
                    double d = s.d();
                    double chunk = Math.min(window, s.n());
                    double padded = Math.ceil(s.n() / chunk) * chunk;
                    // Q, K, V and output projections; scores and weights·V over 3c keys per query.
                    return 4 * 2 * s.n() * d * d + 2 * padded * 3 * chunk * d + 2 * padded * 3 * chunk * d;
                },
                s -> {
                    double d = s.d();
                    double chunk = Math.min(window, s.n());
                    double padded = Math.ceil(s.n() / chunk) * chunk;
                    // input, Q, K, V, context; the windowed K and V (3c per chunk); scores and weights.
                    return 4 * (5 * s.n() * d + 2 * 3 * padded * d + 2 * s.h() * padded * 3 * chunk);
                });
    }

    public RestrictedAttentionBlock(RestrictedConfig config, AttentionSetup setup) {
        super(VERSION);
        this.dModel = setup.dModel();
        this.heads = setup.heads();
        this.window = config.window();
        this.causal = setup.causal();
        this.queryScale = (float) (1 / Math.sqrt(setup.headDim()));
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
        long batch = x.getShape().get(0);
        long n = x.getShape().get(1);
        if (memory.getShape().get(1) != n) {
            throw new IllegalArgumentException("restricted attention is self-attention only: query length " + n
                    + " differs from key length " + memory.getShape().get(1));
        }
        long chunk = Math.min(window, n);
        long chunks = (n + chunk - 1) / chunk;
        long padded = chunks * chunk;
        long dHead = dModel / heads;

        // q, k, v: [B, h, n, d_k].
        NDArray q = Scalars.multiply(Heads.split(Projections.apply(query, ps, x, training), heads), queryScale);
        NDArray k = Heads.split(Projections.apply(key, ps, memory, training), heads);
        NDArray v = Heads.split(Projections.apply(value, ps, memory, training), heads);

        NDArray queryChunks = q.pad(new Shape(0, 0, 0, padded - n), 0)
                .reshape(batch, heads, chunks, chunk, dHead);                             // [B, h, n/c, c, d_k]
        NDArray keyWindows = windows(k, chunk, chunks, n);                                // [B, h, n/c, 3c, d_k]
        NDArray valueWindows = windows(v, chunk, chunks, n);

        NDArray scores = queryChunks.matMul(keyWindows.transpose(0, 1, 2, 4, 3));          // [B, h, n/c, c, 3c]
        scores = scores.add(bias(x.getManager(), AttentionInputs.keyMask(inputs), n, chunk, chunks));
        NDArray weights = scores.softmax(-1);
        if (training && dropout > 0) {
            weights = Dropout.dropout(weights, dropout, true).singletonOrThrow();
        }
        NDArray context = weights.matMul(valueWindows)                                     // [B, h, n/c, c, d_k]
                .reshape(batch, heads, padded, dHead)
                .get(":, :, :{}", n);
        return output.forward(ps, new NDList(Heads.merge(context)), training);
    }

    /**
     * For each chunk b, the keys of chunks b-1, b and b+1: {@code [B, h, n, d_k]} to {@code [B, h,
     * n/c, 3c, d_k]}, zero-padded at both ends (the padding is masked out by {@link #bias}).
     */
    private static NDArray windows(NDArray x, long chunk, long chunks, long n) {
        Shape s = x.getShape();
        long padded = chunks * chunk;
        NDArray p = x.pad(new Shape(0, 0, chunk, padded - n + chunk), 0);                 // [B, h, padded + 2c, d_k]
        NDList parts = new NDList(3);
        for (long offset = 0; offset <= 2 * chunk; offset += chunk) {
            parts.add(p.get(":, :, {}:{}", offset, offset + padded).reshape(s.get(0), s.get(1), chunks, chunk, s.get(3)));
        }
        return NDArrays.concat(parts, 3);
    }

    /**
     * 0 where query i of a chunk may see key j of its 3c-key window, {@link
     * AttentionInputs#MASKED_SCORE} elsewhere: beyond distance r, after i when causal, outside the
     * sequence, or padding. Shape {@code [B or 1, 1, n/c, c, 3c]}.
     */
    private NDArray bias(NDManager manager, NDArray keyMask, long n, long chunk, long chunks) {
        // Window key j of a chunk sits at offset j - c - i from the chunk's query i.
        NDArray i = manager.arange((int) chunk).reshape(chunk, 1);
        NDArray j = manager.arange((int) (3 * chunk)).reshape(1, 3 * chunk);
        NDArray offset = j.sub(chunk).sub(i);
        NDArray band = offset.abs().lte(window);
        if (causal) {
            band = band.logicalAnd(offset.lte(0));
        }
        NDArray real = keyMask == null
                ? manager.ones(new Shape(1, n))
                : keyMask.toType(DataType.FLOAT32, false);
        long padded = chunks * chunk;
        NDArray p = real.pad(new Shape(chunk, padded - n + chunk), 0);                     // [B or 1, padded + 2c]
        NDList parts = new NDList(3);
        for (long start = 0; start <= 2 * chunk; start += chunk) {
            parts.add(p.get(":, {}:{}", start, start + padded).reshape(p.getShape().get(0), chunks, chunk));
        }
        NDArray keyReal = NDArrays.concat(parts, 2).reshape(p.getShape().get(0), 1, chunks, 1, 3 * chunk);
        NDArray allowed = band.toType(DataType.FLOAT32, false).reshape(1, 1, 1, chunk, 3 * chunk).mul(keyReal);
        return allowed.sub(1f).mul(-Masks.MASKED_SCORE);
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
