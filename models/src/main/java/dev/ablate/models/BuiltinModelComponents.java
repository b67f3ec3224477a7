package dev.ablate.models;

import dev.ablate.core.spi.AblatePlugin;
import dev.ablate.core.spi.NormCapabilities;
import dev.ablate.core.spi.NormDescriptor;
import dev.ablate.core.spi.PositionalCapabilities;
import dev.ablate.core.spi.PositionalDescriptor;
import dev.ablate.core.spi.tensor.PassThrough;
import dev.ablate.models.norm.batch.BatchConfig;
import dev.ablate.models.norm.batch.BatchNormBlock;
import dev.ablate.models.norm.layer.LayerConfig;
import dev.ablate.models.norm.layer.LayerNormBlock;
import dev.ablate.models.norm.none.NoneConfig;
import dev.ablate.models.norm.rms.RmsConfig;
import dev.ablate.models.norm.rms.RmsNormBlock;
import dev.ablate.models.positional.alibi.AlibiConfig;
import dev.ablate.models.positional.alibi.AlibiPositions;
import dev.ablate.models.positional.learned.LearnedBlock;
import dev.ablate.models.positional.learned.LearnedConfig;
import dev.ablate.models.positional.none.NoPositionsConfig;
import dev.ablate.models.positional.relative.RelativeConfig;
import dev.ablate.models.positional.relative.RelativePositions;
import dev.ablate.models.positional.rotary.RotaryConfig;
import dev.ablate.models.positional.rotary.RotaryPositions;
import dev.ablate.models.positional.sinusoidal.SinusoidalBlock;
import dev.ablate.models.positional.sinusoidal.SinusoidalConfig;
import java.util.List;

/**
 * The positional encodings and normalizations Ablate ships with, each described here; each
 * variant's config and block live in a package of its own.
 */
public final class BuiltinModelComponents implements AblatePlugin {

    public static final PositionalDescriptor<SinusoidalConfig> SINUSOIDAL = PositionalDescriptor.of("sinusoidal",
            SinusoidalConfig.class,
            "fixed sinusoids, PE(pos,2i)=sin(pos/10000^(2i/d)), PE(pos,2i+1)=cos(pos/10000^(2i/d)) (Vaswani et al. 2017)",
            config -> PositionalCapabilities.unbounded(), (config, dModel) -> new SinusoidalBlock(dModel));

    public static final PositionalDescriptor<LearnedConfig> LEARNED = PositionalDescriptor.of("learned",
            LearnedConfig.class,
            "a learned vector per position up to maxLength (Gehring et al. 2017; the paper's Table 3 row E)",
            config -> new PositionalCapabilities(config.maxLength()),
            (config, dModel) -> new LearnedBlock(config.maxLength(), dModel));

    public static final PositionalDescriptor<NoPositionsConfig> NO_POSITIONS = PositionalDescriptor.of(
            "none", NoPositionsConfig.class,
            "no positional encoding: the embeddings alone (the encoder becomes order-blind)",
            config -> PositionalCapabilities.unbounded(), (config, dModel) -> new PassThrough());

    public static final PositionalDescriptor<RotaryConfig> ROTARY = PositionalDescriptor.insideAttention("rotary",
            RotaryConfig.class,
            "rotary position embedding: q and k rotated by position-proportional angles, RoPE (Su et al. 2021)",
            config -> new PositionalCapabilities(null, true, false), RotaryPositions::cost,
            (config, setup) -> new RotaryPositions(config, setup.headDim()));

    public static final PositionalDescriptor<AlibiConfig> ALIBI = PositionalDescriptor.insideAttention("alibi",
            AlibiConfig.class,
            "attention with linear biases: scores get -m_h·|i-j|, fixed per-head slopes, ALiBi (Press et al. 2022)",
            config -> new PositionalCapabilities(null, false, true), config -> AlibiPositions.cost(),
            (config, setup) -> new AlibiPositions(setup.heads()));

    public static final PositionalDescriptor<RelativeConfig> RELATIVE = PositionalDescriptor.insideAttention(
            "relative", RelativeConfig.class,
            "learned relative-position bias per head over T5's log-spaced distance buckets (Raffel et al. 2020)",
            config -> new PositionalCapabilities(null, false, true), config -> RelativePositions.cost(),
            (config, setup) -> new RelativePositions(config, setup.heads(), setup.causal()));

    public static final NormDescriptor<LayerConfig> LAYER = NormDescriptor.of("layer", LayerConfig.class,
            "layer normalization over each position's features, (x-mean)/√(var+eps)·γ+β (Ba et al. 2016)",
            config -> NormCapabilities.perPosition(), (config, dModel) -> new LayerNormBlock(dModel, config.eps().floatValue()));

    public static final NormDescriptor<RmsConfig> RMS = NormDescriptor.of("rms", RmsConfig.class,
            "root-mean-square normalization, x/√(mean(x²)+eps)·g, no centring or bias (Zhang and Sennrich 2019)",
            config -> NormCapabilities.perPosition(), (config, dModel) -> new RmsNormBlock(dModel, config.eps().floatValue()));

    /** Statistics across the batch while training, and padding left out of them. */
    public static final NormDescriptor<BatchConfig> BATCH = NormDescriptor.of("batch", BatchConfig.class,
            "batch normalization with statistics over batch and time, padding left out; running statistics at evaluation",
            config -> new NormCapabilities(true, true),
            (config, dModel) -> new BatchNormBlock(dModel, config.eps().floatValue(), config.momentum().floatValue()));

    public static final NormDescriptor<NoneConfig> NO_NORM = NormDescriptor.of("none", NoneConfig.class,
            "no normalization: the identity, leaving only the residual connections",
            config -> NormCapabilities.perPosition(), (config, dModel) -> new PassThrough());

    @Override
    public List<PositionalDescriptor<?>> positional() {
        return List.of(SINUSOIDAL, LEARNED, NO_POSITIONS, ROTARY, ALIBI, RELATIVE);
    }

    @Override
    public List<NormDescriptor<?>> norm() {
        return List.of(LAYER, RMS, BATCH, NO_NORM);
    }
}
