package dev.ablate.core.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.ablate.core.spi.AttentionConfig;
import dev.ablate.core.spi.ConfigCheck;
import dev.ablate.core.spi.InvalidConfigException;
import dev.ablate.core.spi.NormConfig;
import dev.ablate.core.spi.PositionalConfig;
import java.util.Objects;

/**
 * A Transformer: its family, sizes and the plugins it is built from. Omitted fields take the
 * paper's base-model values. The plugin fields ({@code attention}, {@code crossAttention},
 * {@code positional}, {@code norm}) may be omitted too; they then mean the default plugin ids
 * below, filled in by {@code ComponentRegistry.complete} before a model is built or a config is
 * written.
 */
public record ModelConfig(
        @JsonPropertyDescription("encoder-decoder (seq2seq), decoder (language model) or encoder (classifier)")
        ModelFamily family,
        @JsonPropertyDescription("number of layers in each stack (the encoder's and the decoder's)")
        Integer layers,
        @JsonPropertyDescription("model width d_model")
        Integer dModel,
        @JsonPropertyDescription("attention heads h; must divide dModel unless headDim is given")
        Integer heads,
        @JsonPropertyDescription("d_k = d_v, the width of each head; default dModel / heads (the paper's Table 3 row B varies it)")
        @JsonInclude(JsonInclude.Include.NON_NULL)
        Integer headDim,
        @JsonPropertyDescription("key/value heads, each shared by heads / kvHeads query heads: grouped-query attention (Ainslie et al. 2023), 1 is multi-query (Shazeer 2019); must divide heads; default heads")
        @JsonInclude(JsonInclude.Include.NON_NULL)
        Integer kvHeads,
        @JsonPropertyDescription("inner width of the position-wise feed-forward network")
        Integer dFF,
        @JsonPropertyDescription("dropout on embeddings and on every sub-layer's output, in [0, 1)")
        Double dropout,
        @JsonPropertyDescription("self-attention plugin (the decoder's is causal)")
        AttentionConfig attention,
        @JsonPropertyDescription("encoder-decoder attention plugin (encoder-decoder family only)")
        AttentionConfig crossAttention,
        @JsonPropertyDescription("positional encoding plugin")
        PositionalConfig positional,
        @JsonPropertyDescription("normalization plugin")
        NormConfig norm,
        @JsonPropertyDescription("post (the paper's x = Norm(x + Sublayer(x))) or pre (x = x + Sublayer(Norm(x)), plus a final norm)")
        NormPlacement normPlacement,
        @JsonPropertyDescription("share the source and target embeddings and the pre-softmax projection (not used by the encoder family)")
        Boolean tieEmbeddings,
        @JsonPropertyDescription("encoder family: how the sequence is pooled for the classifier (mean or first)")
        Pooling pooling) {

    public static final String DEFAULT_ATTENTION = "full";
    public static final String DEFAULT_POSITIONAL = "sinusoidal";
    public static final String DEFAULT_NORM = "layer";

    public ModelConfig {
        family = Objects.requireNonNullElse(family, ModelFamily.ENCODER_DECODER);
        layers = ConfigCheck.atLeast("layers", Objects.requireNonNullElse(layers, 6), 1);
        dModel = ConfigCheck.atLeast("dModel", Objects.requireNonNullElse(dModel, 512), 1);
        heads = ConfigCheck.atLeast("heads", Objects.requireNonNullElse(heads, 8), 1);
        if (headDim == null) {
            if (dModel % heads != 0) {
                throw new InvalidConfigException("heads", "must divide dModel (" + dModel
                        + ") evenly, unless headDim is given", heads);
            }
        } else {
            ConfigCheck.atLeast("headDim", headDim, 1);
            // The paper's value is written as "omitted", so equal models keep equal hashes.
            headDim = dModel % heads == 0 && headDim == dModel / heads ? null : headDim;
        }
        if (kvHeads != null) {
            ConfigCheck.atLeast("kvHeads", kvHeads, 1);
            ConfigCheck.divides("kvHeads", kvHeads, "heads", heads);
            kvHeads = kvHeads.equals(heads) ? null : kvHeads;
        }
        dFF = ConfigCheck.atLeast("dFF", Objects.requireNonNullElse(dFF, 2048), 1);
        dropout = ConfigCheck.fraction("dropout", Objects.requireNonNullElse(dropout, 0.1));
        normPlacement = Objects.requireNonNullElse(normPlacement, NormPlacement.POST);
        tieEmbeddings = Objects.requireNonNullElse(tieEmbeddings, Boolean.TRUE);
        pooling = Objects.requireNonNullElse(pooling, Pooling.MEAN);
    }

    /** d_k = d_v: {@code headDim}, or dModel / heads when it is omitted. */
    public int headSize() {
        return headDim == null ? dModel / heads : headDim;
    }

    /** Key/value heads: {@code kvHeads}, or one per query head when it is omitted. */
    public int keyValueHeads() {
        return kvHeads == null ? heads : kvHeads;
    }

    /** Whether all four plugin fields are set (see {@code ComponentRegistry.complete}). */
    public boolean isComplete() {
        return attention != null && crossAttention != null && positional != null && norm != null;
    }

    public ModelConfig withPlugins(
            AttentionConfig attention, AttentionConfig crossAttention, PositionalConfig positional, NormConfig norm) {
        return new ModelConfig(family, layers, dModel, heads, headDim, kvHeads, dFF, dropout, attention, crossAttention,
                positional, norm, normPlacement, tieEmbeddings, pooling);
    }
}
