package dev.ablate.models.norm.rms;

import ai.djl.nn.Block;
import dev.ablate.core.spi.NormCapabilities;
import dev.ablate.core.spi.NormDescriptor;

/** {@code rms}: y = x / √(mean(x²) + eps)·g, no centring and no bias (Zhang and Sennrich 2019). */
public final class RmsNormalization implements NormDescriptor<RmsConfig> {

    public static final String ID = "rms";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public Class<RmsConfig> configType() {
        return RmsConfig.class;
    }

    @Override
    public String summary() {
        return "root-mean-square normalization, x/√(mean(x²)+eps)·g, no centring or bias (Zhang and Sennrich 2019)";
    }

    @Override
    public NormCapabilities capabilities(RmsConfig config) {
        return NormCapabilities.perPosition();
    }

    @Override
    public Block create(RmsConfig config, int dModel) {
        return new RmsNormBlock(dModel, config.eps().floatValue());
    }
}
