package dev.ablate.models.transformer;

import ai.djl.nn.Block;
import ai.djl.nn.core.Linear;
import dev.ablate.core.config.ConfigException;
import dev.ablate.core.config.ConfigProblem;
import dev.ablate.core.model.ModelConfig;
import dev.ablate.core.model.ModelFamily;
import dev.ablate.core.model.NormPlacement;
import dev.ablate.core.model.TaskShape;
import dev.ablate.core.registry.ComponentRegistry;
import dev.ablate.core.spi.AttentionCapabilities;
import dev.ablate.core.spi.AttentionConfig;
import dev.ablate.core.spi.AttentionSetup;
import dev.ablate.core.spi.PositionalCapabilities;
import dev.ablate.core.spi.Projections;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds the model a {@link ModelConfig} describes for a task, with every component taken from the
 * registry by id. A config the task or the plugins cannot honour is refused before anything is
 * built, each problem named by its path in the model config.
 */
public final class TransformerFactory {

    private final ComponentRegistry registry;

    @Inject
    public TransformerFactory(ComponentRegistry registry) {
        this.registry = registry;
    }

    /**
     * Everything wrong with building {@code config} for {@code task}: plugins lacking a capability the
     * family needs, positions too short for the task's sequences, tied embeddings over two
     * vocabularies, a family the task cannot feed. Paths are relative to the model config.
     */
    public List<ConfigProblem> check(ModelConfig config, TaskShape task) {
        ModelConfig c = registry.complete(config);
        List<ConfigProblem> problems = new ArrayList<>();
        boolean seq2seq = c.family() == ModelFamily.ENCODER_DECODER;

        AttentionCapabilities self = registry.capabilities(c.attention());
        String selfId = registry.idOf(c.attention());
        if (!self.paddingMask()) {
            problems.add(problem("attention", "'" + selfId + "' cannot mask padding, which batches of unequal lengths need"));
        }
        if (c.family() != ModelFamily.ENCODER && !self.causalMask()) {
            problems.add(problem("attention", "'" + selfId + "' cannot be causal, which the " + c.family().label()
                    + " family's (decoder) self-attention needs"));
        }
        if (seq2seq) {
            AttentionCapabilities cross = registry.capabilities(c.crossAttention());
            String crossId = registry.idOf(c.crossAttention());
            if (!cross.crossAttention()) {
                problems.add(problem("crossAttention", "'" + crossId + "' cannot attend across sequences; use an "
                        + "attention whose capabilities include cross-attention, such as 'full'"));
            } else if (!cross.paddingMask()) {
                problems.add(problem("crossAttention", "'" + crossId + "' cannot mask padding, which batches of unequal lengths need"));
            }
            if (task.maxTargetLength() < 1) {
                problems.add(problem("family", "encoder-decoder needs a task with target sequences"));
            }
            if (c.tieEmbeddings() && task.sourceVocabulary() != task.targetVocabulary()) {
                problems.add(problem("tieEmbeddings", "true needs one vocabulary for source and target, but the task has "
                        + task.sourceVocabulary() + " source and " + task.targetVocabulary() + " target tokens"));
            }
        }
        if (c.family() == ModelFamily.ENCODER && task.classes() < 2) {
            problems.add(problem("family", "encoder (a classifier) needs a classification task"));
        }
        PositionalCapabilities positions = registry.capabilities(c.positional());
        if (!positions.covers(task.maxLength())) {
            problems.add(problem("positional.maxLength", "must cover the task's longest sequence, " + task.maxLength()
                    + " positions (got " + positions.maxLength() + ")"));
        }
        return problems;
    }

    /** The model {@code config} describes for {@code task}, uninitialized; see {@link TransformerModel#initialize}. */
    public TransformerModel build(ModelConfig config, TaskShape task) {
        List<ConfigProblem> problems = check(config, task);
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        ModelConfig c = registry.complete(config);
        int d = c.dModel();
        return switch (c.family()) {
            case ENCODER_DECODER -> {
                TokenEmbedding source = new TokenEmbedding(task.sourceVocabulary(), d);
                TokenEmbedding target = c.tieEmbeddings() ? source : new TokenEmbedding(task.targetVocabulary(), d);
                Linear projection = c.tieEmbeddings() ? null : Projections.linear(task.targetVocabulary(), false);
                yield new EncoderDecoderModel(c, task, source, target, encoder(c, false), decoder(c), projection);
            }
            case DECODER -> {
                Linear projection = c.tieEmbeddings() ? null : Projections.linear(task.sourceVocabulary(), false);
                yield new LanguageModel(c, task, new TokenEmbedding(task.sourceVocabulary(), d), encoder(c, true), projection);
            }
            case ENCODER -> new ClassifierModel(c, task, new TokenEmbedding(task.sourceVocabulary(), d),
                    encoder(c, false), Projections.linear(task.classes(), true));
        };
    }

    private LayerStack encoder(ModelConfig c, boolean causal) {
        List<EncoderLayer> layers = new ArrayList<>();
        for (int i = 0; i < c.layers(); i++) {
            layers.add(new EncoderLayer(c.dModel(), residual(c), attention(c, c.attention(), causal), norm(c),
                    new FeedForward(c.dModel(), c.dFF()), norm(c)));
        }
        return new LayerStack(c.dModel(), c.dropout().floatValue(), registry.create(c.positional(), c.dModel()), layers,
                finalNorm(c));
    }

    private LayerStack decoder(ModelConfig c) {
        List<DecoderLayer> layers = new ArrayList<>();
        for (int i = 0; i < c.layers(); i++) {
            layers.add(new DecoderLayer(c.dModel(), residual(c), attention(c, c.attention(), true), norm(c),
                    attention(c, c.crossAttention(), false), norm(c), new FeedForward(c.dModel(), c.dFF()), norm(c)));
        }
        return new LayerStack(c.dModel(), c.dropout().floatValue(), registry.create(c.positional(), c.dModel()), layers,
                finalNorm(c));
    }

    private Block attention(ModelConfig c, AttentionConfig attention, boolean causal) {
        return registry.create(attention, new AttentionSetup(c.dModel(), c.heads(), causal));
    }

    private Block norm(ModelConfig c) {
        return registry.create(c.norm(), c.dModel());
    }

    /** Pre-norm leaves the last layer's output unnormalized, so the stack ends with one more norm. */
    private Block finalNorm(ModelConfig c) {
        return c.normPlacement() == NormPlacement.PRE ? norm(c) : null;
    }

    private static Residual residual(ModelConfig c) {
        return new Residual(c.normPlacement(), c.dropout().floatValue());
    }

    private static ConfigProblem problem(String path, String message) {
        return new ConfigProblem("", path, 0, 0, message);
    }
}
