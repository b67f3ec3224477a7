package dev.ablate.models.transformer;

import static dev.ablate.models.ModelFixtures.REGISTRY;
import static dev.ablate.models.ModelFixtures.model;
import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import dev.ablate.core.model.TaskShape;
import dev.ablate.core.spi.AttentionConfig;
import dev.ablate.core.spi.ComponentKind;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Whole models, checked the way a user would break them: change later tokens and earlier
 * predictions must not move; add padding and nothing real may move.
 */
final class TestModelMasks {

    private static final int VOCABULARY = 20;
    private static final int PAD = 0;

    /**
     * Every registered attention that can be causal, with its defaults, and restricted with a window
     * smaller than the sequence (its default covers these short sequences whole).
     */
    static Stream<String> causalAttentions() {
        Stream<String> defaults = REGISTRY.ids(ComponentKind.ATTENTION).stream()
                .filter(id -> REGISTRY.capabilities((AttentionConfig) REGISTRY.defaultConfig(ComponentKind.ATTENTION, id))
                        .causalMask())
                .map(id -> "{\"type\": \"" + id + "\"}");
        return Stream.concat(defaults, Stream.of("{\"type\": \"restricted\", \"window\": 2}"));
    }

    /** Every registered attention with padding support and layer norm (evaluation); every norm with full attention, training. */
    static Stream<String> paddingSetups() {
        Stream<String> attentions = REGISTRY.ids(ComponentKind.ATTENTION).stream()
                .filter(id -> REGISTRY.capabilities((AttentionConfig) REGISTRY.defaultConfig(ComponentKind.ATTENTION, id))
                        .paddingMask())
                .map(id -> id + "/layer/eval");
        Stream<String> norms = REGISTRY.ids(ComponentKind.NORM).stream().map(id -> "full/" + id + "/train");
        return Stream.of(attentions, norms, Stream.of("restricted(2)/batch/train")).flatMap(x -> x);
    }

    static Stream<String> norms() {
        return REGISTRY.ids(ComponentKind.NORM).stream();
    }

    @ParameterizedTest(name = "attention {0}")
    @MethodSource("causalAttentions")
    void languageModelPredictionsDoNotDependOnLaterTokens(String attention) {
        try (NDManager m = NDManager.newBaseManager()) {
            TransformerModel lm = build(m, "decoder", attention, "layer", TaskShape.languageModel(VOCABULARY, 8, PAD));
            NDArray tokens = tokens(m, 2, 8, 1);
            NDArray before = forward(m, lm, false, tokens);
            for (int t = 1; t < 8; t++) {
                NDArray changed = tokens.get(":, :{}", t).concat(tokens(m, 2, 8 - t, 100 + t), 1);
                NDArray after = forward(m, lm, false, changed);
                assertSame(after.get(":, :{}", t), before.get(":, :{}", t), "logits before position " + t);
            }
        }
    }

    @ParameterizedTest(name = "self-attention {0}")
    @MethodSource("causalAttentions")
    void decoderPredictionsDoNotDependOnLaterTargetTokens(String attention) {
        try (NDManager m = NDManager.newBaseManager()) {
            TransformerModel model = build(m, "encoder-decoder", attention, "layer",
                    TaskShape.sequenceToSequence(VOCABULARY, VOCABULARY, 5, 7, PAD));
            NDArray source = tokens(m, 2, 5, 2);
            NDArray target = tokens(m, 2, 7, 3);
            NDArray before = forward(m, model, false, source, target);
            for (int t = 1; t < 7; t++) {
                NDArray changed = target.get(":, :{}", t).concat(tokens(m, 2, 7 - t, 200 + t), 1);
                assertSame(forward(m, model, false, source, changed).get(":, :{}", t), before.get(":, :{}", t),
                        "logits before target position " + t);
            }
        }
    }

    /** Norms run in training mode too: batch statistics must leave the padding out as well. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("paddingSetups")
    void paddingTheSourceChangesNothing(String setup) {
        String[] parts = setup.split("/");
        String attention = parts[0].equals("restricted(2)") ? "{\"type\": \"restricted\", \"window\": 2}"
                : "{\"type\": \"" + parts[0] + "\"}";
        boolean training = parts[2].equals("train");
        try (NDManager m = NDManager.newBaseManager()) {
            TransformerModel model = build(m, "encoder-decoder", attention, parts[1],
                    TaskShape.sequenceToSequence(VOCABULARY, VOCABULARY, 9, 4, PAD));
            NDArray source = tokens(m, 2, 6, 4);
            NDArray padded = source.concat(m.zeros(new Shape(2, 3), DataType.INT32), 1);
            NDArray target = tokens(m, 2, 4, 5);
            assertSame(forward(m, model, training, padded, target), forward(m, model, training, source, target),
                    "logits with 3 padding tokens appended to the source");
        }
    }

    @ParameterizedTest(name = "norm {0}")
    @MethodSource("norms")
    void paddingAClassifiersInputChangesNothing(String norm) {
        try (NDManager m = NDManager.newBaseManager()) {
            TransformerModel classifier = build(m, "encoder", "{\"type\": \"restricted\", \"window\": 2}", norm,
                    TaskShape.classification(VOCABULARY, 9, 3, PAD));
            NDArray tokens = tokens(m, 2, 6, 6);
            NDArray padded = tokens.concat(m.zeros(new Shape(2, 3), DataType.INT32), 1);
            NDArray logits = forward(m, classifier, false, tokens);
            assertThat(logits.getShape()).isEqualTo(new Shape(2, 3));
            assertSame(forward(m, classifier, false, padded), logits, "class logits with padding appended");
        }
    }

    static TransformerModel build(NDManager m, String family, String attention, String norm, TaskShape task) {
        Engine.getInstance().setRandomSeed(5);
        TransformerModel model = new TransformerFactory(REGISTRY).build(model("""
                {"family": "%s", "layers": 2, "dModel": 16, "heads": 2, "dFF": 32, "dropout": 0.0,
                 "attention": %s, "norm": {"type": "%s"}, "positional": {"type": "learned", "maxLength": 16}}"""
                .formatted(family, attention, norm)), task);
        model.initialize(m);
        return model;
    }

    /** Random ids in [1, VOCABULARY): never padding. */
    static NDArray tokens(NDManager m, int batch, int length, int seed) {
        Random random = new Random(seed);
        int[] ids = new int[batch * length];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = 1 + random.nextInt(VOCABULARY - 1);
        }
        return m.create(ids, new Shape(batch, length));
    }

    static NDArray forward(NDManager m, TransformerModel model, boolean training, NDArray... inputs) {
        return model.forward(new ParameterStore(m, false), new NDList(inputs), training).head();
    }

    static void assertSame(NDArray actual, NDArray expected, String what) {
        assertThat(actual.getShape()).as(what).isEqualTo(expected.getShape());
        assertThat(actual.sub(expected).abs().max().getFloat()).as(what + ": largest difference").isLessThan(1e-5f);
    }
}
