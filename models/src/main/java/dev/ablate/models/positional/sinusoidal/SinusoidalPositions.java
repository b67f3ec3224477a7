package dev.ablate.models.positional.sinusoidal;

import ai.djl.nn.Block;
import dev.ablate.core.spi.PositionalCapabilities;
import dev.ablate.core.spi.PositionalDescriptor;

/** {@code sinusoidal}: PE(pos, 2i) = sin(pos / 10000^(2i/d)), PE(pos, 2i+1) = cos(pos / 10000^(2i/d)) (§3.5). */
public final class SinusoidalPositions implements PositionalDescriptor<SinusoidalConfig> {

    public static final String ID = "sinusoidal";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public Class<SinusoidalConfig> configType() {
        return SinusoidalConfig.class;
    }

    @Override
    public String summary() {
        return "fixed sinusoids, PE(pos,2i)=sin(pos/10000^(2i/d)), PE(pos,2i+1)=cos(pos/10000^(2i/d)) (Vaswani et al. 2017)";
    }

    @Override
    public PositionalCapabilities capabilities(SinusoidalConfig config) {
        return PositionalCapabilities.unbounded();
    }

    @Override
    public Block create(SinusoidalConfig config, int dModel) {
        return new SinusoidalBlock(dModel);
    }
}
