package dev.ablate.models.norm.batch;

import ai.djl.nn.Block;
import dev.ablate.core.spi.NormCapabilities;
import dev.ablate.core.spi.NormDescriptor;

/**
 * {@code batch}: each feature normalized with its mean and variance over all real (non-padding)
 * positions of all sequences in the training batch (Ioffe and Szegedy 2015), running averages of
 * them at evaluation. The contrast with layer normalization that the paper's readers ask about.
 */
public final class BatchNormalization implements NormDescriptor<BatchConfig> {

    public static final String ID = "batch";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public Class<BatchConfig> configType() {
        return BatchConfig.class;
    }

    @Override
    public String summary() {
        return "batch normalization with statistics over batch and time, padding left out; running statistics at evaluation";
    }

    @Override
    public NormCapabilities capabilities(BatchConfig config) {
        return new NormCapabilities(true, true);
    }

    @Override
    public Block create(BatchConfig config, int dModel) {
        return new BatchNormBlock(dModel, config.eps().floatValue(), config.momentum().floatValue());
    }
}
