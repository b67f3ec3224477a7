package dev.ablate.models.transformer;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import dev.ablate.core.config.ConfigException;
import dev.ablate.core.config.ConfigProblem;
import dev.ablate.core.model.ModelConfig;
import dev.ablate.core.model.ModelFamily;
import dev.ablate.core.model.NormPlacement;
import dev.ablate.core.model.TaskShape;
import dev.ablate.core.registry.ComponentRegistry;
import dev.ablate.core.spi.AttentionCapabilities;
import dev.ablate.core.spi.AttentionSetup;
import dev.ablate.core.spi.PositionalCapabilities;
import dev.ablate.core.spi.tensor.Projections;
import dev.ablate.models.transformer.TransformerLayers.DecoderLayer;
import dev.ablate.models.transformer.TransformerLayers.EncoderLayer;
import dev.ablate.models.transformer.TransformerLayers.FeedForward;
import dev.ablate.models.transformer.TransformerLayers.LayerStack;
import dev.ablate.models.transformer.TransformerLayers.Residual;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.Arrays;
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
        if (!self.accepts(positions)) {
            problems.add(problem("positional", "'" + registry.idOf(c.positional()) + "' " + positions.where()
                    + " inside every self-attention, which attention '" + selfId + "' cannot take ("
                    + refusal(self) + "); use positions on the embeddings, such as 'sinusoidal', or an attention "
                    + "that accepts them, such as 'full'"));
        }
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

    /**
     * The trainable parameters of the model {@code config} describes for {@code task}, without
     * building it: embeddings, projections and feed-forward networks from their shapes, and each
     * plugin's block (attention, norm, positions) built alone once, on the CPU, and counted. Equal to
     * {@link TransformerModel#parameterCount()} of the built model. Initializing those blocks draws
     * from the engine's random generator.
     */
    public long parameterCount(ModelConfig config, TaskShape task) {
        List<ConfigProblem> problems = check(config, task);
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        ModelConfig c = registry.complete(config);
        long d = c.dModel();
        try (NDManager scratch = NDManager.newBaseManager(Device.cpu())) {
            long norm = count(scratch, norm(c), d, 1);
            long feedForward = 2 * d * c.dFF() + c.dFF() + d;
            long stack = count(scratch, registry.create(c.positional(), c.dModel()), d, 1)
                    + (c.normPlacement() == NormPlacement.PRE ? norm : 0);
            long encoderLayer = count(scratch, selfAttention(c, c.family() == ModelFamily.DECODER), d, 2)
                    + 2 * norm + feedForward;
            return switch (c.family()) {
                case ENCODER_DECODER -> {
                    long decoderLayer = count(scratch, selfAttention(c, true), d, 2)
                            + count(scratch, crossAttention(c), d, 2) + 3 * norm + feedForward;
                    long embeddings = task.sourceVocabulary() * d + (c.tieEmbeddings() ? 0 : 2 * task.targetVocabulary() * d);
                    yield embeddings + 2 * stack + c.layers() * (encoderLayer + decoderLayer);
                }
                case DECODER -> task.sourceVocabulary() * d * (c.tieEmbeddings() ? 1 : 2) + stack + c.layers() * encoderLayer;
                case ENCODER -> task.sourceVocabulary() * d + task.classes() * (d + 1) + stack + c.layers() * encoderLayer;
            };
        }
    }

    /** The trainable numbers of {@code block}, initialized for {@code inputs} inputs of {@code [1, 1, dModel]}. */
    private static long count(NDManager scratch, Block block, long dModel, int inputs) {
        Shape[] shapes = new Shape[inputs];
        Arrays.fill(shapes, new Shape(1, 1, dModel));
        block.initialize(scratch, DataType.FLOAT32, shapes);
        return block.getParameters().values().stream()
                .filter(Parameter::requiresGradient)
                .mapToLong(p -> p.getShape().size())
                .sum();
    }

    private LayerStack encoder(ModelConfig c, boolean causal) {
        List<EncoderLayer> layers = new ArrayList<>();
        for (int i = 0; i < c.layers(); i++) {
            layers.add(new EncoderLayer(c.dModel(), residual(c), selfAttention(c, causal), norm(c),
                    new FeedForward(c.dModel(), c.dFF()), norm(c)));
        }
        return new LayerStack(c.dModel(), c.dropout().floatValue(), registry.create(c.positional(), c.dModel()), layers,
                finalNorm(c));
    }

    private LayerStack decoder(ModelConfig c) {
        List<DecoderLayer> layers = new ArrayList<>();
        for (int i = 0; i < c.layers(); i++) {
            layers.add(new DecoderLayer(c.dModel(), residual(c), selfAttention(c, true), norm(c),
                    crossAttention(c), norm(c), new FeedForward(c.dModel(), c.dFF()), norm(c)));
        }
        return new LayerStack(c.dModel(), c.dropout().floatValue(), registry.create(c.positional(), c.dModel()), layers,
                finalNorm(c));
    }

    /** A self-attention, with the positions that act inside it (when they do). */
    private Block selfAttention(ModelConfig c, boolean causal) {
        AttentionSetup setup = setup(c, causal);
        return registry.create(c.attention(), setup.withPositions(registry.insideAttention(c.positional(), setup)));
    }

    /** Cross-attention: positions of two different sequences have no relation, so none act here. */
    private Block crossAttention(ModelConfig c) {
        return registry.create(c.crossAttention(), setup(c, false));
    }

    private static AttentionSetup setup(ModelConfig c, boolean causal) {
        return new AttentionSetup(c.dModel(), c.heads(), c.headSize(), c.keyValueHeads(), causal, null);
    }

    /** Why an attention cannot take positions inside it: the capability it lacks. */
    private static String refusal(AttentionCapabilities attention) {
        return !attention.rotatedQueryKey() && !attention.scoreBias() ? "it takes neither rotated q and k nor a score bias"
                : !attention.rotatedQueryKey() ? "its scores do not come from a dot product of rotated q and k"
                : "it has no score matrix to add a bias to";
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
