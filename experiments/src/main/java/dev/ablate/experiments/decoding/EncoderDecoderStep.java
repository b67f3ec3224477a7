package dev.ablate.experiments.decoding;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.training.ParameterStore;
import dev.ablate.models.transformer.EncoderDecoderModel;

/**
 * Decodes with an {@link EncoderDecoderModel}: the source batch is encoded once, here; each step
 * takes the encoder memory and padding mask of each prefix's source row ({@code origin}) and runs
 * the decoder over the whole prefix (there is no key/value cache), returning the log-softmax of the
 * last position. Nothing is trained: dropout is off.
 *
 * <p>The encoder's output belongs to {@code source}'s manager and lives as long as it does. Each
 * step's arrays (gathered memory, decoder activations, the result) go to the prefixes' manager,
 * which the searches close after the step; the model, the source and the prefixes must be on the
 * same device.
 */
public final class EncoderDecoderStep implements DecoderStep {

    private final EncoderDecoderModel model;
    private final ParameterStore parameters;
    private final EncoderDecoderModel.Encoded encoded;

    /**
     * @param model a trained (or at least initialized) model
     * @param parameters its parameter store
     * @param source {@code [batch, sourceLength]} token ids, padded with the task's pad token
     */
    public EncoderDecoderStep(EncoderDecoderModel model, ParameterStore parameters, NDArray source) {
        this.model = model;
        this.parameters = parameters;
        this.encoded = model.encode(parameters, source, false);
    }

    /** The encoded source batch. */
    public EncoderDecoderModel.Encoded encoded() {
        return encoded;
    }

    @Override
    public NDArray next(NDArray prefixes, NDArray origin) {
        NDManager scope = prefixes.getManager();
        NDIndex rows = new NDIndex("{}", origin);
        NDArray memory = encoded.memory().get(rows);
        memory.attach(scope);
        NDArray mask = encoded.mask().get(rows);
        mask.attach(scope);
        NDArray logits = model.decode(parameters, new EncoderDecoderModel.Encoded(memory, mask), prefixes, false);
        return logits.get(":, -1, :").logSoftmax(-1);
    }
}
