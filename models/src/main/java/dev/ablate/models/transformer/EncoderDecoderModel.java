package dev.ablate.models.transformer;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import dev.ablate.core.model.ModelConfig;
import dev.ablate.core.model.TaskShape;
import dev.ablate.models.transformer.TransformerLayers.LayerStack;

/**
 * The paper's sequence-to-sequence Transformer. Inputs: {@code source [batch, sourceLength]} and
 * {@code targetInput [batch, targetLength]} token ids (the target shifted right). Output: logits
 * {@code [batch, targetLength, targetVocabulary]}. {@link #encode} and {@link #decode} split the
 * two halves for decoding.
 */
public final class EncoderDecoderModel extends TransformerModel {

    /** The encoder's output and the source padding mask it was computed with. */
    public record Encoded(NDArray memory, NDArray mask) {}

    final TokenEmbedding sourceEmbedding;
    final TokenEmbedding targetEmbedding;
    final LayerStack encoder;
    final LayerStack decoder;
    final Linear outputProjection;

    /**
     * @param targetEmbedding the same object as {@code sourceEmbedding} when embeddings are tied
     * @param outputProjection {@code null} when the target embedding is the pre-softmax projection
     */
    EncoderDecoderModel(ModelConfig config, TaskShape task, TokenEmbedding sourceEmbedding,
            TokenEmbedding targetEmbedding, LayerStack encoder, LayerStack decoder, Linear outputProjection) {
        super(config, task, 2);
        this.sourceEmbedding = addChildBlock("sourceEmbedding", sourceEmbedding);
        this.targetEmbedding = targetEmbedding == sourceEmbedding ? sourceEmbedding
                : addChildBlock("targetEmbedding", targetEmbedding);
        this.encoder = addChildBlock("encoder", encoder);
        this.decoder = addChildBlock("decoder", decoder);
        this.outputProjection = outputProjection == null ? null : addChildBlock("outputProjection", outputProjection);
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        return new NDList(decode(ps, encode(ps, inputs.get(0), training), inputs.get(1), training));
    }

    /** Runs the encoder over {@code source} token ids. */
    public Encoded encode(ParameterStore ps, NDArray source, boolean training) {
        NDArray mask = source.neq(task().padIndex());
        NDArray embedded = sourceEmbedding.forward(ps, new NDList(source), training).head();
        return new Encoded(encoder.forward(ps, new NDList(embedded, mask), training).head(), mask);
    }

    /** Logits for every position of {@code targetInput}, attending to {@code encoded}. */
    public NDArray decode(ParameterStore ps, Encoded encoded, NDArray targetInput, boolean training) {
        NDArray mask = targetInput.neq(task().padIndex());
        NDArray embedded = targetEmbedding.forward(ps, new NDList(targetInput), training).head();
        NDArray hidden = decoder.forward(ps, new NDList(embedded, mask, encoded.memory(), encoded.mask()), training).head();
        return outputProjection == null ? targetEmbedding.project(ps, hidden, training)
                : outputProjection.forward(ps, new NDList(hidden), training).head();
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {inputShapes[1].add(task().targetVocabulary())};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape tokens = new Shape(1, 1);
        Shape activations = new Shape(1, 1, config().dModel());
        sourceEmbedding.initialize(manager, dataType, tokens);
        if (targetEmbedding != sourceEmbedding) {
            targetEmbedding.initialize(manager, dataType, tokens);
        }
        encoder.initialize(manager, dataType, activations, tokens);
        decoder.initialize(manager, dataType, activations, tokens, activations, tokens);
        if (outputProjection != null) {
            outputProjection.initialize(manager, dataType, activations);
        }
    }
}
