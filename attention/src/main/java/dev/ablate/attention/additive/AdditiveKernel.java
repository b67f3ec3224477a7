package dev.ablate.attention.additive;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.initializer.UniformInitializer;
import dev.ablate.core.spi.AttentionKernel;
import dev.ablate.core.spi.AttentionSetup;
import dev.ablate.core.spi.ComplexityModel;
import dev.ablate.core.spi.KernelInputs;
import java.util.List;

/**
 * Additive attention (Bahdanau et al. 2015), per head: score(q, k) = vᵀ·tanh(q + k), weights =
 * softmax over keys, context = weights·V. The W_q·x and W_k·x of the formula are the block's query
 * and key projections (their biases together are the tanh's bias), so the kernel's own parameter is
 * v alone, one d_k-vector per head.
 *
 * <p>The tanh needs a d_k-vector for every query-key pair, so queries are processed {@code
 * queryChunk} at a time: the largest tensor is [batch, heads, queryChunk, n, d_k], never [batch,
 * heads, n, n, d_k].
 */
public final class AdditiveKernel implements AttentionKernel {

    private final int heads;
    private final int queryChunk;
    private final float dropout;
    final Parameter score;

    public AdditiveKernel(AdditiveConfig config, AttentionSetup setup) {
        this.heads = setup.heads();
        this.queryChunk = config.queryChunk();
        this.dropout = config.dropout().floatValue();
        this.score = Parameter.builder()
                .setName("score")
                .setType(Parameter.Type.WEIGHT)
                .optShape(new Shape(heads, setup.headDim()))
                .optInitializer(new UniformInitializer((float) (1 / Math.sqrt(setup.headDim()))))
                .build();
    }

    /**
     * Every query-key pair goes through a d_k-wide tanh per head: the same O(n²·d) as dot-product
     * attention with a larger constant. Chunking bounds the forward pass's working set to
     * chunk·n·h·d_k numbers, but training keeps every chunk's tanh output for the backward pass, so
     * the activations kept are n²·h·d_k. Counts: q + k and the tanh (n²·h·d_k each), vᵀ·tanh and
     * weights·V (2·n²·h·d_k each); kept: the tanh outputs, the scores and the weights.
     */
    public static ComplexityModel complexity() {
        return ComplexityModel.of("O(n²·d)", "O(1)", "O(1)",
                s -> 6.0 * s.n() * s.n() * s.headsWidth(),
                s -> 4 * (1.0 * s.n() * s.n() * s.headsWidth() + 2.0 * s.h() * s.n() * s.n()));
    }

    @Override
    public List<Parameter> parameters() {
        return List.of(score);
    }

    @Override
    public NDArray attend(KernelInputs in) {
        long dHead = in.headDim();
        NDArray k = in.key().expandDims(2);                                         // [B, h, 1, Tk, d_k]
        NDArray scoreVector = in.parameter(score).reshape(1, heads, 1, dHead, 1);
        NDList contexts = new NDList();
        for (long start = 0; start < in.queryLength(); start += queryChunk) {
            long rows = Math.min(queryChunk, in.queryLength() - start);
            NDArray q = in.query().get(":, :, {}:{}", start, start + rows).expandDims(3);   // [B, h, rows, 1, d_k]
            NDArray scores = q.add(k).tanh()                                        // [B, h, rows, Tk, d_k]
                    .matMul(scoreVector)
                    .squeeze(-1);                                                   // [B, h, rows, Tk]
            NDArray bias = in.scoreBias(start, rows);
            if (bias != null) {
                scores = scores.add(bias);
            }
            NDArray weights = in.dropout(scores.softmax(-1), dropout);
            contexts.add(weights.matMul(in.value()));                              // [B, h, rows, d_k]
        }
        return contexts.size() == 1 ? contexts.head() : NDArrays.concat(contexts, 2);
    }
}
