package dev.ablate.models.norm.layer;

import ai.djl.nn.Block;
import dev.ablate.core.spi.NormCapabilities;
import dev.ablate.core.spi.NormDescriptor;

/** {@code layer}: y = (x - mean) / √(var + eps)·γ + β over each position's features (Ba et al. 2016), the paper's choice. */
public final class LayerNormalization implements NormDescriptor<LayerConfig> {

    public static final String ID = "layer";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public Class<LayerConfig> configType() {
        return LayerConfig.class;
    }

    @Override
    public String summary() {
        return "layer normalization over each position's features, (x-mean)/√(var+eps)·γ+β (Ba et al. 2016)";
    }

    @Override
    public NormCapabilities capabilities(LayerConfig config) {
        return NormCapabilities.perPosition();
    }

    @Override
    public Block create(LayerConfig config, int dModel) {
        return new LayerNormBlock(dModel, config.eps().floatValue());
    }
}
