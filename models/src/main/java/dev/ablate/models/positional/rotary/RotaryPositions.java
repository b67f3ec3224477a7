package dev.ablate.models.positional.rotary;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import dev.ablate.core.spi.AttentionPositions;
import dev.ablate.core.spi.Cost;

/**
 * RoPE (Su et al. 2021, eq. 34) on the first r = 2·⌊fraction·d_k / 2⌋ dimensions of each head:
 * dimension pairs (t, t + r/2) rotate by the angle p·θ_t, θ_t = base^(-2t/r), at position p. This is
 * the half-split pairing of GPT-NeoX and LLaMA, not the interleaved (2t, 2t+1) of the paper's eq. 34;
 * the two differ by a fixed permutation of the dimensions, which the projections absorb. Then
 * q_mᵀk_n depends on m - n only.
 */
public final class RotaryPositions implements AttentionPositions {

    private final int rotated;
    private final float[] frequencies;

    public RotaryPositions(RotaryConfig config, int headDim) {
        this.rotated = rotatedDimensions(config, headDim);
        this.frequencies = new float[rotated / 2];
        for (int t = 0; t < rotated / 2; t++) {
            frequencies[t] = (float) Math.pow(config.base(), -2.0 * t / rotated);
        }
    }

    /** r: the even number of dimensions rotated, at least 2. */
    public static int rotatedDimensions(RotaryConfig config, int headDim) {
        return Math.max(2, 2 * (int) Math.floor(config.fraction() * headDim / 2));
    }

    /** Rotating q and k: 3 flops per rotated number (two products and a sum); the rotated copies kept. */
    public static Cost cost(RotaryConfig config) {
        return Cost.of(s -> 3.0 * s.n() * (s.h() + s.kvHeads()) * Math.min(s.dk(), rotatedDimensions(config, (int) s.dk())),
                s -> 4.0 * s.n() * (s.h() + s.kvHeads()) * s.dk());
    }

    @Override
    public NDArray rotate(NDArray x, NDArray positions) {
        long headDim = x.getShape().get(3);
        if (rotated > headDim) {
            throw new IllegalArgumentException("rotary positions rotate " + rotated + " dimensions of a head of " + headDim);
        }
        NDManager manager = x.getManager();
        long length = positions.getShape().get(0);
        NDArray angles = positions.reshape(length, 1).mul(manager.create(frequencies).reshape(1, rotated / 2));
        NDArray cos = angles.cos().concat(angles.cos(), -1);                        // [T, r]
        NDArray sin = angles.sin().concat(angles.sin(), -1);
        NDArray part = rotated == headDim ? x : x.get(":, :, :, :{}", rotated);
        NDArray first = part.get(":, :, :, :{}", rotated / 2);
        NDArray second = part.get(":, :, :, {}:", rotated / 2);
        NDArray turned = part.mul(cos).add(second.neg().concat(first, -1).mul(sin));
        return rotated == headDim ? turned : turned.concat(x.get(":, :, :, {}:", rotated), -1);
    }
}
