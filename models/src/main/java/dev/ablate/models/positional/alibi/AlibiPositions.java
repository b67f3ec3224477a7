package dev.ablate.models.positional.alibi;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import dev.ablate.core.spi.AttentionPositions;
import dev.ablate.core.spi.Cost;
import dev.ablate.core.spi.ParameterValues;
import java.util.Arrays;

/**
 * ALiBi (Press et al. 2022): the score of query i against key j gets -m_h·|i - j|. Causally this is
 * the paper's -m_h·(i - j) (later keys are masked anyway); without a causal mask it is the symmetric
 * form most bidirectional ports use. The slopes are the paper's geometric sequence: for h a power
 * of two, m_h = 2^(-8h/H), h = 1..H; otherwise those of the nearest lower power of two followed by
 * every other slope of the next one (the authors' reference code).
 */
public final class AlibiPositions implements AttentionPositions {

    private final float[] slopes;

    public AlibiPositions(int heads) {
        this.slopes = slopes(heads);
    }

    public static float[] slopes(int heads) {
        float[] result = new float[heads];
        int power = Integer.highestOneBit(heads);
        double[] base = powerOfTwoSlopes(power);
        double[] next = powerOfTwoSlopes(2 * power);
        for (int h = 0; h < heads; h++) {
            result[h] = (float) (h < power ? base[h] : next[2 * (h - power)]);
        }
        return result;
    }

    private static double[] powerOfTwoSlopes(int heads) {
        double[] slopes = new double[heads];
        for (int h = 0; h < heads; h++) {
            slopes[h] = Math.pow(2, -8.0 * (h + 1) / heads);
        }
        return slopes;
    }

    /** One multiply and one add per score it biases (every pair, for a kernel that scores them all); the bias kept. */
    public static Cost cost() {
        return Cost.of(s -> 2.0 * s.h() * s.n() * s.n(), s -> 4.0 * s.h() * s.n() * s.n());
    }

    @Override
    public NDArray scoreBias(ParameterValues parameters, NDArray queryPositions, NDArray keyPositions) {
        NDArray distance = keyPositions.sub(queryPositions).abs().expandDims(0);   // [1, ...]
        long[] slopeShape = new long[distance.getShape().dimension()];
        Arrays.fill(slopeShape, 1);
        slopeShape[0] = slopes.length;
        return distance.mul(distance.getManager().create(slopes).neg().reshape(new Shape(slopeShape)));
    }
}
