package dev.ablate.models;

import dev.ablate.core.spi.AblatePlugin;
import dev.ablate.core.spi.NormDescriptor;
import dev.ablate.core.spi.PositionalDescriptor;
import dev.ablate.models.norm.batch.BatchNormalization;
import dev.ablate.models.norm.layer.LayerNormalization;
import dev.ablate.models.norm.none.NoNormalization;
import dev.ablate.models.norm.rms.RmsNormalization;
import dev.ablate.models.positional.learned.LearnedPositions;
import dev.ablate.models.positional.none.NoPositions;
import dev.ablate.models.positional.sinusoidal.SinusoidalPositions;
import java.util.List;

/** The positional encodings and normalizations Ablate ships with. */
public final class BuiltinModelComponents implements AblatePlugin {

    @Override
    public List<PositionalDescriptor<?>> positional() {
        return List.of(new SinusoidalPositions(), new LearnedPositions(), new NoPositions());
    }

    @Override
    public List<NormDescriptor<?>> norm() {
        return List.of(new LayerNormalization(), new RmsNormalization(), new BatchNormalization(), new NoNormalization());
    }
}
