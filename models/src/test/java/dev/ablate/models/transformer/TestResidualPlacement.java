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
import dev.ablate.testkit.Doubles;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * An encoder layer against the composition the paper writes, with each norm computed from its
 * formula in double precision: post: h = Norm(x + Attn(x)), out = Norm(h + FFN(h)); pre: h = x +
 * Attn(Norm(x)), out = h + FFN(Norm(h)).
 */
final class TestResidualPlacement {

    private static final int D = 8;
    private static final boolean[][] REAL = {{true, true, true, true, false, false}, {true, true, true, true, true, true}};

    @ParameterizedTest(name = "norm={0}, placement={1}")
    @CsvSource({"layer,post", "layer,pre", "rms,post", "rms,pre", "batch,post", "batch,pre", "none,post", "none,pre"})
    void encoderLayerComposesSublayersAsTheFormulaSays(String norm, String placement) {
        try (NDManager m = NDManager.newBaseManager()) {
            Engine.getInstance().setRandomSeed(21);
            ClassifierModel classifier = (ClassifierModel) new TransformerFactory(REGISTRY).build(model("""
                    {"family": "encoder", "layers": 1, "dModel": 8, "heads": 2, "dFF": 16, "dropout": 0.0,
                     "norm": {"type": "%s"}, "normPlacement": "%s"}""".formatted(norm, placement)),
                    TaskShape.classification(10, 6, 2, 0));
            classifier.initialize(m);
            EncoderLayer layer = (EncoderLayer) classifier.encoder.layers.get(0);
            randomizeNorm(layer.attentionNorm, norm, 31);
            randomizeNorm(layer.feedForwardNorm, norm, 32);

            NDArray x = m.randomNormal(new Shape(2, 6, D));
            NDArray mask = m.create(REAL);
            ParameterStore ps = new ParameterStore(m, false);
            // Training mode, so batch norm uses the batch's statistics (every dropout is 0).
            NDArray out = layer.forward(ps, new NDList(x, mask), true).head();

            double[][][] xs = Doubles.of3(x);
            double[][][] expected;
            if (placement.equals("post")) {
                double[][][] h = normalize(norm, layer.attentionNorm, add(xs, attention(m, ps, layer, xs, mask)));
                expected = normalize(norm, layer.feedForwardNorm, add(h, feedForward(m, ps, layer, h)));
            } else {
                double[][][] h = add(xs, attention(m, ps, layer, normalize(norm, layer.attentionNorm, xs), mask));
                expected = add(h, feedForward(m, ps, layer, normalize(norm, layer.feedForwardNorm, h)));
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

    /** The norm's formula with its current parameters; batch statistics over the real positions. */
    private static double[][][] normalize(String norm, Block block, double[][][] z) {
        double[][][] out = new double[z.length][z[0].length][D];
        double[] batchMean = new double[D];
        double[] batchVar = new double[D];
        if (norm.equals("batch")) {
            int count = 0;
            for (int s = 0; s < z.length; s++) {
                for (int t = 0; t < z[s].length; t++) {
                    if (REAL[s][t]) {
                        count++;
                        for (int f = 0; f < D; f++) {
                            batchMean[f] += z[s][t][f];
                        }
                    }
                }
            }
            for (int f = 0; f < D; f++) {
                batchMean[f] /= count;
            }
            for (int s = 0; s < z.length; s++) {
                for (int t = 0; t < z[s].length; t++) {
                    for (int f = 0; f < D && REAL[s][t]; f++) {
                        batchVar[f] += Math.pow(z[s][t][f] - batchMean[f], 2) / count;
                    }
                }
            }
        }
        for (int s = 0; s < z.length; s++) {
            for (int t = 0; t < z[s].length; t++) {
                double[] v = z[s][t];
                double mean = 0;
                double square = 0;
                for (double e : v) {
                    mean += e / D;
                    square += e * e / D;
                }
                double var = square - mean * mean;
                for (int f = 0; f < D; f++) {
                    out[s][t][f] = switch (norm) {
                        case "layer" -> (v[f] - mean) / Math.sqrt(var + 1e-5) * param(block, "gamma", f) + param(block, "beta", f);
                        case "rms" -> v[f] / Math.sqrt(square + 1e-6) * param(block, "gain", f);
                        case "batch" -> (v[f] - batchMean[f]) / Math.sqrt(batchVar[f] + 1e-5) * param(block, "gamma", f)
                                + param(block, "beta", f);
                        default -> v[f];
                    };
                }
            }
        }
        return out;
    }

    private static double param(Block block, String name, int index) {
        return block.getParameters().get(name).getArray().toFloatArray()[index];
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

    private static void randomizeNorm(Block norm, String type, long seed) {
        switch (type) {
            case "layer", "batch" -> {
                randomize(norm, "gamma", 1, seed);
                randomize(norm, "beta", 0, seed + 100);
            }
            case "rms" -> randomize(norm, "gain", 1, seed);
            default -> { }
        }
    }
}
