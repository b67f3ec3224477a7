package dev.ablate.models.norm.none;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import dev.ablate.core.spi.NormCapabilities;
import dev.ablate.core.spi.NormDescriptor;

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
        return new Identity();
    }

    /** Returns its first input unchanged. */
    static final class Identity extends AbstractBlock {

        Identity() {
            super((byte) 1);
        }

        @Override
        protected NDList forwardInternal(
                ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
            return new NDList(inputs.head());
        }

        @Override
        public Shape[] getOutputShapes(Shape[] inputShapes) {
            return new Shape[] {inputShapes[0]};
        }
    }
}
