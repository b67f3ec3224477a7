package dev.ablate.models.positional.learned;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.NormalInitializer;
import ai.djl.util.PairList;
import dev.ablate.core.error.UserException;

/** Adds row {@code pos} of a learned {@code [maxLength, dModel]} table to the embedding at {@code pos}. */
public final class LearnedBlock extends AbstractBlock {

    private static final byte VERSION = 1;

    private final int maxLength;
    final Parameter positions;

    public LearnedBlock(int maxLength, int dModel) {
        super(VERSION);
        this.maxLength = maxLength;
        // N(0, d^-1/2), as fairseq initializes learned positions (and token embeddings).
        this.positions = addParameter(Parameter.builder()
                .setName("positions")
                .setType(Parameter.Type.WEIGHT)
                .optShape(new Shape(maxLength, dModel))
                .optInitializer(new NormalInitializer((float) Math.pow(dModel, -0.5)))
                .build());
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = inputs.head();
        long length = x.getShape().get(1);
        if (length > maxLength) {
            throw new UserException("an input has " + length + " positions but learned positions cover only "
                    + maxLength + "; raise positional.maxLength to at least " + length);
        }
        NDArray rows = ps.getValue(positions, x.getDevice(), training).get(":{}", length);
        rows.attach(x.getManager());   // a per-pass view: freed with the pass, not kept with the parameter
        return new NDList(x.add(rows));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {inputShapes[0]};
    }
}
