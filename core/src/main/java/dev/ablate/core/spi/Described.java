package dev.ablate.core.spi;

import ai.djl.nn.Block;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;

/** The descriptors and complexity models the SPI's {@code of} methods make: data and functions, nothing else. */
final class Described {

    private Described() {}

    record Attention<C extends AttentionConfig>(String id, Class<C> configType, String summary,
            Function<C, AttentionCapabilities> capabilitiesOf, Function<C, ComplexityModel> complexityOf,
            BiFunction<C, AttentionSetup, Block> factory) implements AttentionDescriptor<C> {

        @Override
        public AttentionCapabilities capabilities(C config) {
            return capabilitiesOf.apply(config);
        }

        @Override
        public ComplexityModel complexity(C config) {
            return complexityOf.apply(config);
        }

        @Override
        public Block create(C config, AttentionSetup setup) {
            return factory.apply(config, setup);
        }
    }

    record Positional<C extends PositionalConfig>(String id, Class<C> configType, String summary,
            Function<C, PositionalCapabilities> capabilitiesOf, BiFunction<C, Integer, Block> factory,
            BiFunction<C, AttentionSetup, AttentionPositions> insideAttentionFactory, Function<C, Cost> costOf)
            implements PositionalDescriptor<C> {

        @Override
        public AttentionPositions insideAttention(C config, AttentionSetup setup) {
            return insideAttentionFactory.apply(config, setup);
        }

        @Override
        public Cost cost(C config) {
            return costOf.apply(config);
        }

        @Override
        public PositionalCapabilities capabilities(C config) {
            return capabilitiesOf.apply(config);
        }

        @Override
        public Block create(C config, int dModel) {
            return factory.apply(config, dModel);
        }
    }

    record Norm<C extends NormConfig>(String id, Class<C> configType, String summary,
            Function<C, NormCapabilities> capabilitiesOf, BiFunction<C, Integer, Block> factory)
            implements NormDescriptor<C> {

        @Override
        public NormCapabilities capabilities(C config) {
            return capabilitiesOf.apply(config);
        }

        @Override
        public Block create(C config, int dModel) {
            return factory.apply(config, dModel);
        }
    }

    record Counts(ToDoubleFunction<ProblemSize> flopsOf, ToDoubleFunction<ProblemSize> activationBytesOf)
            implements Cost {

        @Override
        public double flops(ProblemSize size) {
            return flopsOf.applyAsDouble(size);
        }

        @Override
        public double activationBytes(ProblemSize size) {
            return activationBytesOf.applyAsDouble(size);
        }
    }

    /** The Table 1 columns and the counts, which are a {@link Counts}. */
    record Complexity(String perLayer, String sequentialOperations, String maximumPathLength, Cost counts)
            implements ComplexityModel {

        @Override
        public double flops(ProblemSize size) {
            return counts.flops(size);
        }

        @Override
        public double activationBytes(ProblemSize size) {
            return counts.activationBytes(size);
        }
    }
}
