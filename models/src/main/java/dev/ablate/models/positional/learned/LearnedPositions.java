package dev.ablate.models.positional.learned;

import ai.djl.nn.Block;
import dev.ablate.core.spi.PositionalCapabilities;
import dev.ablate.core.spi.PositionalDescriptor;

/** {@code learned}: one trained vector per position, the alternative the paper tried (Table 3, row E). */
public final class LearnedPositions implements PositionalDescriptor<LearnedConfig> {

    public static final String ID = "learned";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public Class<LearnedConfig> configType() {
        return LearnedConfig.class;
    }

    @Override
    public String summary() {
        return "a learned vector per position up to maxLength (Gehring et al. 2017; the paper's Table 3 row E)";
    }

    @Override
    public PositionalCapabilities capabilities(LearnedConfig config) {
        return new PositionalCapabilities(config.maxLength());
    }

    @Override
    public Block create(LearnedConfig config, int dModel) {
        return new LearnedBlock(config.maxLength(), dModel);
    }
}
