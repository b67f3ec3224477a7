package dev.ablate.models.norm.none;

import ai.djl.nn.Block;
import dev.ablate.core.spi.NormCapabilities;
import dev.ablate.core.spi.NormDescriptor;
import dev.ablate.core.spi.tensor.PassThrough;

/** {@code none}: the identity, for the "no normalization" ablation (residual connections alone). */
public final class NoNormalization implements NormDescriptor<NoneConfig> {

    public static final String ID = "none";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public Class<NoneConfig> configType() {
        return NoneConfig.class;
    }

    @Override
    public String summary() {
        return "no normalization: the identity, leaving only the residual connections";
    }

    @Override
    public NormCapabilities capabilities(NoneConfig config) {
        return NormCapabilities.perPosition();
    }

    @Override
    public Block create(NoneConfig config, int dModel) {
        return new PassThrough();
    }
}
