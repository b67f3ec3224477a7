package dev.ablate.models.transformer;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.types.SparseFormat;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Embedding;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.NormalInitializer;
import ai.djl.util.PairList;
import dev.ablate.core.spi.tensor.Scalars;

/**
 * Token ids {@code [batch, length]} to embeddings {@code [batch, length, dModel]}, multiplied by
 * √dModel (§3.4). With tied weights the same matrix is the pre-softmax projection ({@link #project}).
 */
public final class TokenEmbedding extends AbstractBlock {

    private static final byte VERSION = 1;

    private final float scale;
    final Parameter weight;

    TokenEmbedding(int vocabulary, int dModel) {
        super(VERSION);
        this.scale = (float) Math.sqrt(dModel);
        // N(0, d^-1/2), as fairseq: after the √d scale the embeddings have unit size, and tied
        // logits start small.
        this.weight = addParameter(Parameter.builder()
                .setName("weight")
                .setType(Parameter.Type.WEIGHT)
                .optShape(new Shape(vocabulary, dModel))
                .optInitializer(new NormalInitializer((float) Math.pow(dModel, -0.5)))
                .build());
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray tokens = inputs.head();
        if (tokens.getDataType() != DataType.INT64) {
            tokens = tokens.toType(DataType.INT64, false);
        }
        NDArray table = ps.getValue(weight, tokens.getDevice(), training);
        return new NDList(Scalars.multiply(Embedding.embedding(tokens, table, SparseFormat.DENSE).head(), scale));
    }

    /** Logits {@code hidden·Wᵀ}: the embedding matrix as the pre-softmax projection. */
    NDArray project(ParameterStore ps, NDArray hidden, boolean training) {
        NDArray transposed = ps.getValue(weight, hidden.getDevice(), training).transpose();
        // An op on a parameter attaches its result to the parameter's (long-lived) manager; this view
        // belongs to the forward pass, so it goes where the pass's arrays go and is freed with them.
        transposed.attach(hidden.getManager());
        return hidden.matMul(transposed);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {inputShapes[0].add(weight.getShape().get(1))};
    }
}
