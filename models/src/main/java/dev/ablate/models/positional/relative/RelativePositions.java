package dev.ablate.models.positional.relative;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.types.SparseFormat;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Embedding;
import ai.djl.training.initializer.NormalInitializer;
import dev.ablate.core.spi.AttentionPositions;
import dev.ablate.core.spi.Cost;
import dev.ablate.core.spi.ParameterValues;
import java.util.List;

/**
 * T5's relative position bias (Raffel et al. 2020): the score of query i against key j gets
 * table[bucket(j - i), h], a learned number per bucket and head. {@link #bucket} is T5's
 * {@code _relative_position_bucket}: without a causal mask, half the buckets for keys before the
 * query and half for keys after; within a direction, distances below half its buckets get one
 * bucket each, larger ones share logarithmically wider buckets up to {@code maxDistance}, and
 * everything beyond shares the last. Each attention layer has its own table (T5 shares one across
 * layers; Shaw et al. 2018 use one per layer).
 */
public final class RelativePositions implements AttentionPositions {

    private final int buckets;
    private final int maxDistance;
    private final boolean bidirectional;
    final Parameter table;

    public RelativePositions(RelativeConfig config, int heads, boolean causal) {
        this.buckets = config.buckets();
        this.maxDistance = config.maxDistance();
        this.bidirectional = !causal;
        this.table = Parameter.builder()
                .setName("relativeBias")
                .setType(Parameter.Type.WEIGHT)
                .optShape(new Shape(buckets, heads))
                .optInitializer(new NormalInitializer(0.02f))
                .build();
    }

    /** A table lookup per score (every pair, for a kernel that scores them all) and the bias kept. */
    public static Cost cost() {
        return Cost.of(s -> 1.0 * s.h() * s.n() * s.n(), s -> 4.0 * s.h() * s.n() * s.n());
    }

    @Override
    public List<Parameter> parameters() {
        return List.of(table);
    }

    @Override
    public NDArray scoreBias(ParameterValues parameters, NDArray queryPositions, NDArray keyPositions) {
        NDArray bucket = bucket(keyPositions.sub(queryPositions));                  // [...]
        NDArray bias = Embedding.embedding(bucket, parameters.of(table), SparseFormat.DENSE).head();   // [..., h]
        int rank = bias.getShape().dimension();
        int[] headsFirst = new int[rank];
        headsFirst[0] = rank - 1;
        for (int axis = 1; axis < rank; axis++) {
            headsFirst[axis] = axis - 1;
        }
        return bias.transpose(headsFirst);
    }

    /** The bucket of each relative position (key position - query position), int64. */
    NDArray bucket(NDArray relative) {
        NDArray n = relative.neg();                                                 // distance back from the query
        int perDirection = buckets;
        NDArray offset = n.zerosLike();
        if (bidirectional) {
            perDirection = buckets / 2;
            offset = n.lt(0).toType(DataType.FLOAT32, false).mul(perDirection);
            n = n.abs();
        } else {
            n = n.maximum(0f);
        }
        int exact = perDirection / 2;
        NDArray logarithmic = n.maximum(1f).div(exact).log().div(Math.log((double) maxDistance / exact))
                .mul(perDirection - exact).floor().add(exact).minimum(perDirection - 1f);
        NDArray bucket = NDArrays.where(n.lt(exact), n, logarithmic).add(offset);
        return bucket.toType(DataType.INT64, false);
    }
}
