package dev.ablate.attention.restricted;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.ablate.core.spi.AttentionKernel;
import dev.ablate.core.spi.ComplexityModel;
import dev.ablate.core.spi.KernelInputs;
import dev.ablate.core.spi.tensor.Masks;
import dev.ablate.core.spi.tensor.Scalars;

/**
 * Self-attention restricted to keys within distance r of each query (§4, Table 1), without ever
 * building an n×n matrix: queries go in chunks of c = min(r, n) positions, and each chunk scores
 * only the 3c keys of its own and both neighbouring chunks, which hold every key within r of it.
 * Keys outside the band, after the query (causal), beyond the sequence or padded get {@link
 * Masks#MASKED_SCORE}; a positional score bias is asked for at the band's pairs only.
 */
public final class RestrictedKernel implements AttentionKernel {

    private final int window;
    private final float dropout;

    public RestrictedKernel(RestrictedConfig config) {
        this.window = config.window();
        this.dropout = config.dropout().floatValue();
    }

    /**
     * Table 1, self-attention (restricted). The counts follow the chunked computation: n padded to
     * a multiple of c, each query scoring 3c keys. Flops: the scores and weights·V (2·3c·h·d_k per
     * padded query each); kept: the windowed K and V (3c·h·d_k per chunk position each), the scores
     * and the weights (h·3c per padded query each).
     */
    public static ComplexityModel complexity(int window) {
        return ComplexityModel.of("O(r·n·d)", "O(1)", "O(n/r)",
                s -> 2 * 2.0 * padded(s.n(), window) * 3 * chunk(s.n(), window) * s.headsWidth(),
                s -> 4 * (2.0 * 3 * padded(s.n(), window) * s.headsWidth()
                        + 2.0 * s.h() * padded(s.n(), window) * 3 * chunk(s.n(), window)));
    }

    private static double chunk(long n, int window) {
        return Math.min(window, n);
    }

    private static double padded(long n, int window) {
        double chunk = chunk(n, window);
        return Math.ceil(n / chunk) * chunk;
    }

    @Override
    public NDArray attend(KernelInputs in) {
        long n = in.queryLength();
        if (in.keyLength() != n) {
            throw new IllegalArgumentException("restricted attention is self-attention only: query length " + n
                    + " differs from key length " + in.keyLength());
        }
        Shape s = in.query().getShape();
        long batch = s.get(0);
        long heads = s.get(1);
        long dHead = s.get(3);
        long chunk = Math.min(window, n);
        long chunks = (n + chunk - 1) / chunk;
        long padded = chunks * chunk;

        NDArray q = Scalars.multiply(in.query(), (float) (1 / Math.sqrt(dHead)));
        NDArray queryChunks = q.pad(new Shape(0, 0, 0, padded - n), 0)
                .reshape(batch, heads, chunks, chunk, dHead);                       // [B, h, n/c, c, d_k]
        NDArray keyWindows = windows(in.key(), chunk, chunks, n);                   // [B, h, n/c, 3c, d_k]
        NDArray valueWindows = windows(in.value(), chunk, chunks, n);

        NDArray scores = queryChunks.matMul(keyWindows.transpose(0, 1, 2, 4, 3));    // [B, h, n/c, c, 3c]
        scores = scores.add(maskBias(in, n, chunk, chunks));
        NDArray positional = positionBias(in, chunk, chunks);
        if (positional != null) {
            scores = scores.add(positional);
        }
        NDArray weights = in.dropout(scores.softmax(-1), dropout);
        return weights.matMul(valueWindows)                                         // [B, h, n/c, c, d_k]
                .reshape(batch, heads, padded, dHead)
                .get(":, :, :{}", n);
    }

    /**
     * For each chunk b, the keys of chunks b-1, b and b+1: {@code [B, h, n, d_k]} to {@code [B, h,
     * n/c, 3c, d_k]}, zero-padded at both ends (the padding is masked out by {@link #maskBias}).
     */
    private static NDArray windows(NDArray x, long chunk, long chunks, long n) {
        Shape s = x.getShape();
        long padded = chunks * chunk;
        NDArray p = x.pad(new Shape(0, 0, chunk, padded - n + chunk), 0);            // [B, h, padded + 2c, d_k]
        NDList parts = new NDList(3);
        for (long offset = 0; offset <= 2 * chunk; offset += chunk) {
            parts.add(p.get(":, :, {}:{}", offset, offset + padded).reshape(s.get(0), s.get(1), chunks, chunk, s.get(3)));
        }
        return NDArrays.concat(parts, 3);
    }

    /**
     * 0 where query i of a chunk may see key j of its 3c-key window, {@link Masks#MASKED_SCORE}
     * elsewhere: beyond distance r, after i when causal, outside the sequence, or padding. Shape
     * {@code [B or 1, 1, n/c, c, 3c]}.
     */
    private NDArray maskBias(KernelInputs in, long n, long chunk, long chunks) {
        NDManager manager = in.manager();
        // Window key j of a chunk sits at offset j - c - i from the chunk's query i.
        NDArray i = manager.arange((int) chunk).reshape(chunk, 1);
        NDArray j = manager.arange((int) (3 * chunk)).reshape(1, 3 * chunk);
        NDArray offset = j.sub(chunk).sub(i);
        NDArray band = offset.abs().lte(window);
        if (in.causal()) {
            band = band.logicalAnd(offset.lte(0));
        }
        NDArray real = in.keyMask() == null
                ? manager.ones(new Shape(1, n))
                : in.keyMask().toType(DataType.FLOAT32, false);
        long padded = chunks * chunk;
        NDArray p = real.pad(new Shape(chunk, padded - n + chunk), 0);                // [B or 1, padded + 2c]
        NDList parts = new NDList(3);
        for (long start = 0; start <= 2 * chunk; start += chunk) {
            parts.add(p.get(":, {}:{}", start, start + padded).reshape(p.getShape().get(0), chunks, chunk));
        }
        NDArray keyReal = NDArrays.concat(parts, 2).reshape(p.getShape().get(0), 1, chunks, 1, 3 * chunk);
        NDArray allowed = band.toType(DataType.FLOAT32, false).reshape(1, 1, 1, chunk, 3 * chunk).mul(keyReal);
        return allowed.sub(1f).mul(-Masks.MASKED_SCORE);
    }

    /**
     * The positional bias at the window's pairs: query i of chunk b sits at b·c + i, window key j at
     * b·c + j - c. {@code [1, h, n/c, c, 3c]}, or {@code null} when no positions bias the scores.
     */
    private static NDArray positionBias(KernelInputs in, long chunk, long chunks) {
        if (in.positions() == null) {
            return null;
        }
        NDManager manager = in.manager();
        NDArray chunkStart = manager.arange(0f, (float) (chunks * chunk), (float) chunk).reshape(chunks, 1, 1);
        NDArray queryPositions = chunkStart.add(manager.arange((float) chunk).reshape(1, chunk, 1));
        NDArray keyPositions = chunkStart.add(manager.arange((float) -chunk, (float) (2 * chunk)).reshape(1, 1, 3 * chunk));
        NDArray bias = in.positionBias(queryPositions, keyPositions);               // [h, n/c, c, 3c]
        return bias == null ? null : bias.expandDims(0);
    }
}
