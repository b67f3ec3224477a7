package dev.ablate.core.spi.tensor;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import dev.ablate.core.spi.AttentionInputs;
import dev.ablate.core.spi.AttentionKernel;
import dev.ablate.core.spi.AttentionPositions;
import dev.ablate.core.spi.AttentionSetup;
import dev.ablate.core.spi.Cost;
import dev.ablate.core.spi.KernelInputs;
import dev.ablate.core.spi.ParameterValues;

/**
 * Multi-head attention around a kernel (§3.2.2): MultiHead(Q, K, V) = Concat(head_1, ..., head_h)
 * W^O, head_i = kernel(Q W_i^Q, K W_i^K, V W_i^V). Top to bottom: project the queries (h heads of
 * d_k) and the keys and values (kvHeads heads of d_k); rotate queries and keys when rotary positions
 * act here; repeat each key/value head for the heads / kvHeads query heads it serves; let the kernel
 * compute the context; merge the heads and project back to dModel.
 *
 * <p>Inputs and output follow {@link dev.ablate.core.spi.AttentionDescriptor}'s contract. The
 * kernel's parameters and those of the positions (a learned bias table) belong to this block, so
 * they are saved, counted and trained with it.
 */
public final class MultiHeadAttention extends AbstractBlock {

    /**
     * What this block computes besides the kernel: the four projections (a multiply-add is 2 flops),
     * and the activations they keep (input, Q, K, V, the repeated K and V when kvHeads < h, context).
     */
    public static final Cost PROJECTIONS = Cost.of(
            s -> 2.0 * s.n() * s.d() * s.headsWidth()                      // Q
                    + 2 * 2.0 * s.n() * s.d() * s.kvHeads() * s.dk()       // K, V
                    + 2.0 * s.n() * s.headsWidth() * s.d(),                // output
            s -> 4.0 * (s.n() * s.d() + 2.0 * s.n() * s.headsWidth() + 2.0 * s.n() * s.kvHeads() * s.dk()
                    + (s.kvHeads() < s.h() ? 2.0 * s.n() * s.headsWidth() : 0)));

    private static final byte VERSION = 1;

    private final AttentionSetup setup;
    private final AttentionKernel kernel;
    private final AttentionPositions positions;

    final Linear query;
    final Linear key;
    final Linear value;
    final Linear output;

    public MultiHeadAttention(AttentionSetup setup, AttentionKernel kernel) {
        super(VERSION);
        this.setup = setup;
        this.kernel = kernel;
        this.positions = setup.positions();
        int width = setup.heads() * setup.headDim();
        int keyValueWidth = setup.kvHeads() * setup.headDim();
        this.query = addChildBlock("query", Projections.linear(width, true));
        this.key = addChildBlock("key", Projections.linear(keyValueWidth, true));
        this.value = addChildBlock("value", Projections.linear(keyValueWidth, true));
        this.output = addChildBlock("output", Projections.linear(setup.dModel(), true));
        kernel.parameters().forEach(this::addParameter);
        if (positions != null) {
            positions.parameters().forEach(this::addParameter);
        }
    }

    public AttentionKernel kernel() {
        return kernel;
    }

    /** The query, key, value and output projections, in that order (for tests that recompute the block). */
    public Linear[] projections() {
        return new Linear[] {query, key, value, output};
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = AttentionInputs.query(inputs);
        NDArray memory = AttentionInputs.keyValue(inputs);

        // q: [B, h, Tq, d_k]; k, v: [B, kvHeads, Tk, d_k].
        NDArray q = Heads.split(Projections.apply(query, ps, x, training), setup.heads());
        NDArray k = Heads.split(Projections.apply(key, ps, memory, training), setup.kvHeads());
        NDArray v = Heads.split(Projections.apply(value, ps, memory, training), setup.kvHeads());

        if (positions != null) {
            // Positions act in self-attention only, where queries and keys are the same positions.
            if (q.getShape().get(2) != k.getShape().get(2)) {
                throw new IllegalArgumentException("positions inside attention need self-attention: query length "
                        + q.getShape().get(2) + " differs from key length " + k.getShape().get(2));
            }
            NDArray at = x.getManager().arange((float) q.getShape().get(2));
            q = positions.rotate(q, at);
            k = positions.rotate(k, at);
        }
        int group = setup.heads() / setup.kvHeads();
        if (group > 1) {
            // Key/value head g serves query heads g·group ... g·group + group - 1.
            k = k.repeat(1, group);
            v = v.repeat(1, group);
        }

        ParameterValues values = parameter -> {
            // Ops on a parameter's array land in the parameter's long-lived manager; on a view that
            // belongs to the pass, they are freed with the pass.
            NDArray stored = ps.getValue(parameter, x.getDevice(), training);
            NDArray view = stored.reshape(stored.getShape());
            view.attach(x.getManager());
            return view;
        };
        NDArray context = kernel.attend(new KernelInputs(q, k, v, AttentionInputs.keyMask(inputs), setup.causal(),
                positions, values, training));                                  // [B, h, Tq, d_k]
        return output.forward(ps, new NDList(Heads.merge(context)), training);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {inputShapes[0]};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Projections.initialize(manager, dataType, setup.dModel(), query, key, value);
        Projections.initialize(manager, dataType, setup.heads() * setup.headDim(), output);
    }
}
