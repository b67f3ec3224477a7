package dev.ablate.models.transformer;

import static dev.ablate.models.ModelFixtures.REGISTRY;
import static dev.ablate.models.ModelFixtures.model;
import static dev.ablate.models.ModelFixtures.randomize;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import dev.ablate.core.model.TaskShape;
import dev.ablate.core.spi.AttentionInputs;
import dev.ablate.core.spi.ComponentKind;
import dev.ablate.models.transformer.TransformerLayers.EncoderLayer;
import dev.ablate.testkit.Doubles;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * An encoder layer against the composition the paper writes, every sub-layer (the norm included)
 * run alone and the residual sums done in double precision: post: h = Norm(x + Attn(x)), out =
 * Norm(h + FFN(h)); pre: h = x + Attn(Norm(x)), out = h + FFN(Norm(h)). For every registered norm.
 */
final class TestResidualPlacement {

    private static final int D = 8;
    private static final boolean[][] REAL = {{true, true, true, true, false, false}, {true, true, true, true, true, true}};

    /** Every registered norm in both placements. */
    static Stream<Arguments> normsAndPlacements() {
        return REGISTRY.ids(ComponentKind.NORM).stream()
                .flatMap(norm -> Stream.of(Arguments.of(norm, "post"), Arguments.of(norm, "pre")));
    }

    @ParameterizedTest(name = "norm={0}, placement={1}")
    @MethodSource("normsAndPlacements")
    void encoderLayerComposesSublayersAsTheFormulaSays(String norm, String placement) {
        try (NDManager m = NDManager.newBaseManager()) {
            Engine.getInstance().setRandomSeed(21);
            ClassifierModel classifier = (ClassifierModel) new TransformerFactory(REGISTRY).build(model("""
                    {"family": "encoder", "layers": 1, "dModel": 8, "heads": 2, "dFF": 16, "dropout": 0.0,
                     "norm": {"type": "%s"}, "normPlacement": "%s"}""".formatted(norm, placement)),
                    TaskShape.classification(10, 6, 2, 0));
            classifier.initialize(m);
            EncoderLayer layer = (EncoderLayer) classifier.encoder.layers.get(0);
            randomizeParameters(layer.attentionNorm, 31);
            randomizeParameters(layer.feedForwardNorm, 32);

            NDArray x = m.randomNormal(new Shape(2, 6, D));
            NDArray mask = m.create(REAL);
            ParameterStore ps = new ParameterStore(m, false);
            // Training mode, so batch norm uses the batch's statistics (every dropout is 0).
            NDArray out = layer.forward(ps, new NDList(x, mask), true).head();

            double[][][] xs = Doubles.of3(x);
            double[][][] expected;
            if (placement.equals("post")) {
                double[][][] h = normalize(m, ps, layer.attentionNorm, add(xs, attention(m, ps, layer, xs, mask)), mask);
                expected = normalize(m, ps, layer.feedForwardNorm, add(h, feedForward(m, ps, layer, h)), mask);
            } else {
                double[][][] h = add(xs, attention(m, ps, layer, normalize(m, ps, layer.attentionNorm, xs, mask), mask));
                expected = add(h, feedForward(m, ps, layer, normalize(m, ps, layer.feedForwardNorm, h, mask)));
            }
            Doubles.assertClose(out, expected, 2e-4, norm + " norm, " + placement + " placement");
        }
    }

    private static double[][][] attention(NDManager m, ParameterStore ps, EncoderLayer layer, double[][][] z, NDArray mask) {
        NDArray input = Doubles.toArray(m, z);
        return Doubles.of3(layer.selfAttention.forward(ps, AttentionInputs.of(input, input, mask), true).head());
    }

    private static double[][][] feedForward(NDManager m, ParameterStore ps, EncoderLayer layer, double[][][] z) {
        return Doubles.of3(layer.feedForward.forward(ps, new NDList(Doubles.toArray(m, z)), true).head());
    }

    /** The norm block alone, as the layer runs it (with the mask, in training mode); TestNormFormulas checks each norm's formula. */
    private static double[][][] normalize(NDManager m, ParameterStore ps, Block norm, double[][][] z, NDArray mask) {
        return Doubles.of3(norm.forward(ps, new NDList(Doubles.toArray(m, z), mask), true).head());
    }

    private static double[][][] add(double[][][] a, double[][][] b) {
        double[][][] out = new double[a.length][a[0].length][D];
        for (int s = 0; s < a.length; s++) {
            for (int t = 0; t < a[s].length; t++) {
                for (int f = 0; f < D; f++) {
                    out[s][t][f] = a[s][t][f] + b[s][t][f];
                }
            }
        }
        return out;
    }

    /** Every trainable parameter moved off its initial value, so the test does not pass on γ = 1, β = 0 alone. */
    private static void randomizeParameters(Block norm, long seed) {
        norm.getParameters().forEach(p -> {
            if (p.getValue().requiresGradient()) {
                float mean = p.getValue().getArray().mean().getFloat();
                randomize(norm, p.getKey(), mean, seed + p.getKey().hashCode());
            }
        });
    }
}
