package dev.ablate.models.transformer;

import static dev.ablate.models.ModelFixtures.REGISTRY;
import static dev.ablate.models.ModelFixtures.model;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import dev.ablate.core.config.ConfigException;
import dev.ablate.core.config.ConfigProblem;
import dev.ablate.core.model.ModelConfig;
import dev.ablate.core.model.TaskShape;
import dev.ablate.core.spi.ComponentKind;
import dev.ablate.testkit.GarbageCollection;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

final class TestTransformerFactory {

    private final TransformerFactory factory = new TransformerFactory(REGISTRY);

    @Test
    void omittedFieldsArePaperBaseWithDefaultPlugins() {
        ModelConfig c = REGISTRY.complete(model("{}"));
        assertThat(List.of(c.layers(), c.dModel(), c.heads(), c.dFF())).containsExactly(6, 512, 8, 2048);
        assertThat(c.dropout()).isEqualTo(0.1);
        assertThat(REGISTRY.idOf(c.attention())).isEqualTo("full");
        assertThat(REGISTRY.idOf(c.crossAttention())).isEqualTo("full");
        assertThat(REGISTRY.idOf(c.positional())).isEqualTo("sinusoidal");
        assertThat(REGISTRY.idOf(c.norm())).isEqualTo("layer");
        assertThat(REGISTRY.json().mapper().valueToTree(c).toString())
                .contains("\"attention\":{\"type\":\"full\",\"scaled\":true,\"dropout\":0.0}")
                .contains("\"normPlacement\":\"post\"");
    }

    /** Counted by hand from the paper's shapes: a check on what is built and on tying counting once. */
    @ParameterizedTest(name = "{0}, tied={1}")
    @CsvSource({"encoder-decoder,true", "encoder-decoder,false", "decoder,true", "decoder,false", "encoder,true"})
    void parameterCountMatchesTheArchitecture(String family, boolean tied) {
        int v = 50;
        int d = 16;
        int ff = 24;
        int layers = 2;
        long attention = 4L * (d * d + d);
        long feedForward = (long) d * ff + ff + (long) ff * d + d;
        long norm = 2L * d;
        long encoderLayer = attention + feedForward + 2 * norm;
        long decoderLayer = 2 * attention + feedForward + 3 * norm;
        long embedding = (long) v * d;
        long expected = switch (family) {
            case "encoder-decoder" -> layers * (encoderLayer + decoderLayer) + embedding + (tied ? 0 : 2 * embedding);
            case "decoder" -> layers * encoderLayer + embedding + (tied ? 0 : embedding);
            default -> layers * encoderLayer + embedding + d * 3L + 3;
        };
        TaskShape task = switch (family) {
            case "encoder-decoder" -> TaskShape.sequenceToSequence(v, v, 10, 10, 0);
            case "decoder" -> TaskShape.languageModel(v, 10, 0);
            default -> TaskShape.classification(v, 10, 3, 0);
        };
        try (NDManager m = NDManager.newBaseManager()) {
            TransformerModel built = factory.build(model("""
                    {"family": "%s", "layers": 2, "dModel": 16, "heads": 4, "dFF": 24, "tieEmbeddings": %s}"""
                    .formatted(family, tied)), task);
            built.initialize(m);
            assertThat(built.parameterCount()).isEqualTo(expected);
        }
        assertThat(factory.parameterCount(model("""
                {"family": "%s", "layers": 2, "dModel": 16, "heads": 4, "dFF": 24, "tieEmbeddings": %s}"""
                .formatted(family, tied)), task)).as("counted from the config").isEqualTo(expected);
    }

    /** Counted from the config alone, for every registered plugin of every kind in every family (norms post and pre). */
    @TestFactory
    Stream<DynamicTest> parameterCountFromTheConfigIsTheBuiltModels() {
        List<DynamicTest> tests = new ArrayList<>();
        for (String family : List.of("encoder-decoder", "decoder", "encoder")) {
            TaskShape task = switch (family) {
                case "encoder-decoder" -> TaskShape.sequenceToSequence(30, 30, 9, 7, 0);
                case "decoder" -> TaskShape.languageModel(30, 9, 0);
                default -> TaskShape.classification(30, 9, 4, 0);
            };
            for (ComponentKind kind : ComponentKind.values()) {
                for (String id : REGISTRY.ids(kind)) {
                    for (String placement : kind == ComponentKind.NORM ? List.of("post", "pre") : List.of("pre")) {
                        ModelConfig config = model("""
                                {"family": "%s", "layers": 2, "dModel": 8, "heads": 2, "dFF": 12, "normPlacement": "%s",
                                 "tieEmbeddings": %s, "%s": {"type": "%s"}}"""
                                .formatted(family, placement, placement.equals("pre"), kind.label(), id));
                        if (factory.check(config, task).isEmpty()) {
                            tests.add(DynamicTest.dynamicTest(family + ", " + kind.label() + " " + id + ", " + placement,
                                    () -> assertThat(factory.parameterCount(config, task)).isEqualTo(built(config, task))));
                        }
                    }
                }
            }
        }
        assertThat(tests).hasSizeGreaterThan(2 * REGISTRY.all().size());
        return tests.stream();
    }

    private long built(ModelConfig config, TaskShape task) {
        try (NDManager m = NDManager.newBaseManager()) {
            TransformerModel model = factory.build(config, task);
            model.initialize(m);
            return model.parameterCount();
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"encoder-decoder", "decoder", "encoder"})
    void everyParameterOfEveryFamilyGetsAFiniteNonZeroGradient(String family) {
        try (NDManager m = NDManager.newBaseManager()) {
            List<Pair<String, float[]>> gradients = gradients(m, family, false);
            for (Pair<String, float[]> g : gradients) {
                float largest = 0;
                for (float v : g.getValue()) {
                    assertThat(Float.isFinite(v)).as("gradient of %s is finite", g.getKey()).isTrue();
                    largest = Math.max(largest, Math.abs(v));
                }
                assertThat(largest).as("gradient of %s is non-zero", g.getKey()).isPositive();
            }
            assertThat(gradients).hasSizeGreaterThan(20);
        }
    }

    /** Catches constants freed before backward (see {@code Scalars}): the embedding scale, the query scale. */
    @ParameterizedTest(name = "{0}")
    @CsvSource({"encoder-decoder", "decoder", "encoder"})
    void gradientsSurviveAGarbageCollectionBeforeBackward(String family) {
        try (NDManager m = NDManager.newBaseManager()) {
            List<Pair<String, float[]>> calm = gradients(m, family, false);
            List<Pair<String, float[]>> collected = gradients(m, family, true);
            for (int i = 0; i < calm.size(); i++) {
                assertThat(collected.get(i).getValue()).as("gradient of %s", calm.get(i).getKey())
                        .containsExactly(calm.get(i).getValue());
            }
        }
    }

    private List<Pair<String, float[]>> gradients(NDManager m, String family, boolean collectGarbage) {
        TaskShape task = switch (family) {
            case "encoder-decoder" -> TaskShape.sequenceToSequence(20, 20, 6, 5, 0);
            case "decoder" -> TaskShape.languageModel(20, 6, 0);
            default -> TaskShape.classification(20, 6, 3, 0);
        };
        Engine.getInstance().setRandomSeed(8);
        TransformerModel built = factory.build(model("""
                {"family": "%s", "layers": 2, "dModel": 16, "heads": 2, "dFF": 32, "dropout": 0.1,
                 "normPlacement": "pre", "positional": {"type": "learned", "maxLength": 6}}""".formatted(family)), task);
        built.initialize(m);
        NDList inputs = family.equals("encoder-decoder")
                ? new NDList(TestModelMasks.tokens(m, 3, 6, 1), TestModelMasks.tokens(m, 3, 5, 2))
                : new NDList(TestModelMasks.tokens(m, 3, 6, 3));
        try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
            NDArray out = built.forward(new ParameterStore(m, false), inputs, true).head();
            NDArray loss = out.mul(m.randomNormal(out.getShape())).sum();
            if (collectGarbage) {
                GarbageCollection.collect();
            }
            collector.backward(loss);
        }
        List<Pair<String, float[]>> gradients = new ArrayList<>();
        for (Pair<String, Parameter> p : built.getParameters()) {
            gradients.add(new Pair<>(p.getKey(), p.getValue().getArray().getGradient().toFloatArray()));
        }
        return gradients;
    }

    @Test
    void capabilitiesAndTaskMismatchesAreNamedByPath() {
        List<ConfigProblem> problems = factory.check(model("""
                {"crossAttention": {"type": "restricted", "window": 4},
                 "positional": {"type": "learned", "maxLength": 8}}"""),
                TaskShape.sequenceToSequence(30, 40, 10, 12, 0));
        assertThat(problems).extracting(ConfigProblem::path)
                .containsExactlyInAnyOrder("crossAttention", "tieEmbeddings", "positional.maxLength");
        assertThat(problems).extracting(ConfigProblem::message).anySatisfy(msg -> assertThat(msg)
                .contains("'restricted' cannot attend across sequences"));
        assertThat(problems).extracting(ConfigProblem::message).anySatisfy(msg -> assertThat(msg)
                .isEqualTo("must cover the task's longest sequence, 12 positions (got 8)"));
        assertThatThrownBy(() -> factory.build(model("{\"crossAttention\": {\"type\": \"restricted\"}}"),
                TaskShape.sequenceToSequence(30, 30, 10, 10, 0)))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("crossAttention: 'restricted' cannot attend across sequences");
    }

    /** Positions inside attention with an attention that cannot take them: one problem, naming both plugins. */
    @ParameterizedTest(name = "{0} with {1}")
    @CsvSource(delimiter = '|', value = {
        "additive|rotary|its scores do not come from a dot product of rotated q and k",
    })
    void positionsAnAttentionCannotTakeAreRefusedNamingBoth(String attention, String positional, String why) {
        List<ConfigProblem> problems = factory.check(model("{\"attention\": {\"type\": \"" + attention
                + "\"}, \"positional\": {\"type\": \"" + positional + "\"}}"), TaskShape.sequenceToSequence(30, 30, 10, 10, 0));
        assertThat(problems).extracting(ConfigProblem::path).containsExactly("positional");
        assertThat(problems.get(0).message()).isEqualTo("'" + positional + "' rotates q and k inside every self-attention, "
                + "which attention '" + attention + "' cannot take (" + why + "); use positions on the embeddings, such as "
                + "'sinusoidal', or an attention that accepts them, such as 'full'");
    }

    @ParameterizedTest(name = "{0} with {1}")
    @CsvSource({"full,rotary", "full,alibi", "full,relative", "restricted,rotary", "restricted,alibi", "restricted,relative",
        "additive,alibi", "additive,relative"})
    void positionsInsideAttentionBuildWithEveryKernelThatTakesThem(String attention, String positional) {
        String attentionJson = attention.equals("restricted") ? "{\"type\": \"restricted\", \"window\": 2}"
                : "{\"type\": \"" + attention + "\"}";
        ModelConfig config = model("{\"layers\": 1, \"dModel\": 8, \"heads\": 2, \"dFF\": 8, \"attention\": " + attentionJson
                + ", \"crossAttention\": {\"type\": \"full\"}, \"positional\": {\"type\": \"" + positional + "\"}}");
        TaskShape task = TaskShape.sequenceToSequence(12, 12, 6, 6, 0);
        assertThat(factory.check(config, task)).isEmpty();
        TransformerModel built = factory.build(config, task);
        try (NDManager m = NDManager.newBaseManager()) {
            built.initialize(m);
            assertThat(built.parameterCount()).as("parameters counted from the config")
                    .isEqualTo(factory.parameterCount(config, task));
        }
    }

    /** headDim and kvHeads reach every attention: the projections' shapes change, the count follows. */
    @Test
    void headDimAndKvHeadsShapeTheProjections() {
        TaskShape task = TaskShape.sequenceToSequence(12, 12, 6, 6, 0);
        ModelConfig paper = model("{\"layers\": 1, \"dModel\": 16, \"heads\": 4, \"dFF\": 8}");
        ModelConfig narrow = model("{\"layers\": 1, \"dModel\": 16, \"heads\": 4, \"headDim\": 2, \"kvHeads\": 1, \"dFF\": 8}");
        // Per attention: Q 16→8 and output 8→16 instead of 16→16; K and V 16→2 instead of 16→16.
        long perAttention = (16 * 16 + 16) * 4 - ((16 * 8 + 8) + (8 * 16 + 16) + 2 * (16 * 2 + 2));
        assertThat(factory.parameterCount(paper, task) - factory.parameterCount(narrow, task))
                .as("three attentions in an encoder-decoder of one layer").isEqualTo(3 * perAttention);
        TransformerModel built = factory.build(narrow, task);
        try (NDManager m = NDManager.newBaseManager()) {
            built.initialize(m);
            assertThat(built.parameterCount()).isEqualTo(factory.parameterCount(narrow, task));
        }
        assertThat(model("{\"dModel\": 16, \"heads\": 4, \"headDim\": 4, \"kvHeads\": 4}")).as("the defaults, written out")
                .isEqualTo(model("{\"dModel\": 16, \"heads\": 4}"));
        assertThat(model("{\"dModel\": 10, \"heads\": 4, \"headDim\": 8}").headSize()).as("heads need not divide dModel")
                .isEqualTo(8);
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', value = {
        "{\"heads\": 3, \"dModel\": 8}|heads: must divide dModel (8) evenly, unless headDim is given (got 3)",
        "{\"heads\": 8, \"kvHeads\": 3}|kvHeads: must divide heads (8) evenly (got 3)",
        "{\"heads\": 8, \"kvHeads\": 0}|kvHeads: must be >= 1 (got 0)",
        "{\"headDim\": 0}|headDim: must be >= 1 (got 0)",
        "{\"attention\": {\"type\": \"restricted\", \"window\": 0}}|attention.window: must be >= 1 (got 0)",
        "{\"dropout\": 1.0}|dropout: must be in [0, 1) (got 1.0)",
        "{\"norm\": {\"type\": \"batch\", \"momentum\": -0.5}}|norm.momentum: must be in [0, 1) (got -0.5)",
        "{\"positional\": {\"type\": \"learned\", \"maxLength\": 0}}|positional.maxLength: must be >= 1 (got 0)",
        "{\"attention\": {\"type\": \"fulll\"}}|attention: unknown attention type 'fulll'; known: additive, full, restricted. Did you mean 'full'?",
        "{\"attention\": {\"type\": \"restricted\", \"windw\": 4}}|attention.windw: unknown field 'windw'; known fields: dropout, window. Did you mean 'window'?",
        "{\"attention\": {\"window\": 4}}|attention: missing \"type\"; known attention types: additive, full, restricted",
        "{\"family\": \"encoder-decodr\"}|family: unknown value 'encoder-decodr'; expected one of: encoder-decoder, decoder, encoder. Did you mean 'encoder-decoder'?",
        "{\"layers\": \"2\"}|layers: expected an integer",
        "{\"layers\": 2.5}|layers: expected an integer, got 2.5",
        "{\"tieEmbeddings\": 1}|tieEmbeddings: expected true or false, got 1",
        "{\"layers\": 2, \"layers\": 3}|invalid JSON: Duplicate field 'layers'",
        "{\"layers\": 2} {}|unexpected content after the end of the JSON value",
        "{\"layers\": 2,}|invalid JSON: Unexpected character ('}' (code 125)): was expecting double-quote to start field name",
    })
    void badModelJsonIsRejectedWithPathAndRule(String json, String message) {
        assertThatThrownBy(() -> model(json))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("test model:1:")
                .hasMessageEndingWith(message);
    }
}
