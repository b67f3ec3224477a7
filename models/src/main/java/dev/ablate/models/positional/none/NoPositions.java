package dev.ablate.models.positional.none;

import ai.djl.nn.Block;
import dev.ablate.core.spi.PositionalCapabilities;
import dev.ablate.core.spi.PositionalDescriptor;
import dev.ablate.core.spi.tensor.PassThrough;

/**
 * {@code none}: no positional information, for the ablation that shows why the paper adds it. The
 * encoder's self-attention is then permutation-equivariant; a causal decoder can still infer
 * positions from what it may attend to.
 */
public final class NoPositions implements PositionalDescriptor<NoPositionsConfig> {

    public static final String ID = "none";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public Class<NoPositionsConfig> configType() {
        return NoPositionsConfig.class;
    }

    @Override
    public String summary() {
        return "no positional encoding: the embeddings alone (the encoder becomes order-blind)";
    }

    @Override
    public PositionalCapabilities capabilities(NoPositionsConfig config) {
        return PositionalCapabilities.unbounded();
    }

    @Override
    public Block create(NoPositionsConfig config, int dModel) {
        return new PassThrough();
    }
}
