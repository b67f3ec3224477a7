package dev.ablate.models.norm;

import static dev.ablate.models.ModelFixtures.REGISTRY;
import static dev.ablate.models.ModelFixtures.norm;
import static dev.ablate.models.ModelFixtures.randomize;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import dev.ablate.testkit.Doubles;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/** Each normalization against its formula, computed in double precision. */
final class TestNormFormulas {

    private static final int D = 6;
    /** Sequence 0 has 3 real positions of 5, sequence 1 all 5. */
    private static final boolean[][] REAL = {{true, true, true, false, false}, {true, true, true, true, true}};

    @Test
    void layerNormalizesEachPosition() {
        try (NDManager m = NDManager.newBaseManager()) {
            Block block = create(m, "{\"type\": \"layer\", \"eps\": 1e-5}");
            randomize(block, "gamma", 1, 1);
            randomize(block, "beta", 0, 2);
            NDArray x = input(m);
            double[] g = Doubles.of1(block.getParameters().get("gamma").getArray());
            double[] b = Doubles.of1(block.getParameters().get("beta").getArray());
            double[][][] expected = map(Doubles.of3(x), v -> {
                double mean = mean(v);
                double var = 0;
                for (double e : v) {
                    var += (e - mean) * (e - mean) / v.length;
                }
                double[] out = new double[v.length];
                for (int i = 0; i < v.length; i++) {
                    out[i] = (v[i] - mean) / Math.sqrt(var + 1e-5) * g[i] + b[i];
                }
                return out;
            });
            Doubles.assertClose(run(m, block, x, true), expected, 1e-5, "layer norm");
        }
    }

    @Test
    void rmsDividesByTheRootMeanSquare() {
        try (NDManager m = NDManager.newBaseManager()) {
            Block block = create(m, "{\"type\": \"rms\", \"eps\": 1e-6}");
            randomize(block, "gain", 1, 3);
            NDArray x = input(m);
            double[] g = Doubles.of1(block.getParameters().get("gain").getArray());
            double[][][] expected = map(Doubles.of3(x), v -> {
                double square = 0;
                for (double e : v) {
                    square += e * e / v.length;
                }
                double[] out = new double[v.length];
                for (int i = 0; i < v.length; i++) {
                    out[i] = v[i] / Math.sqrt(square + 1e-6) * g[i];
                }
                return out;
            });
            Doubles.assertClose(run(m, block, x, true), expected, 1e-5, "RMS norm");
        }
    }

    @Test
    void batchUsesStatisticsOfRealPositionsWhileTrainingAndRunningOnesAtEvaluation() {
        try (NDManager m = NDManager.newBaseManager()) {
            Block block = create(m, "{\"type\": \"batch\", \"eps\": 1e-5, \"momentum\": 0.1}");
            randomize(block, "gamma", 1, 4);
            randomize(block, "beta", 0, 5);
            NDArray x = input(m);
            double[][][] xs = Doubles.of3(x);
            double[] g = Doubles.of1(block.getParameters().get("gamma").getArray());
            double[] b = Doubles.of1(block.getParameters().get("beta").getArray());
            // Mean and biased variance of each feature over the 8 real positions.
            double[] mean = new double[D];
            double[] var = new double[D];
            int count = 0;
            for (int s = 0; s < 2; s++) {
                for (int t = 0; t < 5; t++) {
                    if (REAL[s][t]) {
                        count++;
                        for (int f = 0; f < D; f++) {
                            mean[f] += xs[s][t][f];
                        }
                    }
                }
            }
            for (int f = 0; f < D; f++) {
                mean[f] /= count;
            }
            for (int s = 0; s < 2; s++) {
                for (int t = 0; t < 5; t++) {
                    for (int f = 0; f < D && REAL[s][t]; f++) {
                        var[f] += Math.pow(xs[s][t][f] - mean[f], 2) / count;
                    }
                }
            }
            double[][][] training = normalize(xs, mean, var, g, b);
            Doubles.assertClose(run(m, block, x, true), training, 1e-5, "batch norm, training");

            // One update from the initial (0, 1): running = 0.9·initial + 0.1·batch (unbiased variance).
            double[] runningMean = new double[D];
            double[] runningVar = new double[D];
            for (int f = 0; f < D; f++) {
                runningMean[f] = 0.1 * mean[f];
                runningVar[f] = 0.9 + 0.1 * var[f] * count / (count - 1);
            }
            assertThat(Doubles.of1(block.getParameters().get("runningMean").getArray()))
                    .containsExactly(runningMean, offset(1e-6));
            assertThat(Doubles.of1(block.getParameters().get("runningVar").getArray()))
                    .containsExactly(runningVar, offset(1e-5));
            Doubles.assertClose(run(m, block, x, false), normalize(xs, runningMean, runningVar, g, b), 1e-5,
                    "batch norm, evaluation");
        }
    }

    @Test
    void batchStatisticsIgnorePaddingAndWorkForOneSequence() {
        try (NDManager m = NDManager.newBaseManager()) {
            Block block = create(m, "{\"type\": \"batch\"}");
            NDArray x = input(m);
            NDArray noisyPadding = x.mul(mask(m).toType(DataType.FLOAT32, false).expandDims(-1))
                    .add(m.randomNormal(x.getShape()).mul(100).mul(mask(m).logicalNot().toType(DataType.FLOAT32, false).expandDims(-1)));
            NDArray a = run(m, block, x, true);
            NDArray b = run(m, block, noisyPadding, true);
            assertThat(a.get("0, :3").sub(b.get("0, :3")).abs().max().getFloat()).isLessThan(1e-5f);
            assertThat(a.get("1").sub(b.get("1")).abs().max().getFloat()).isLessThan(1e-5f);

            NDArray single = x.get("1:2");
            NDArray out = block.forward(new ParameterStore(m, false), new NDList(single), true).head();
            // One sequence: each feature is standardized over that sequence's 5 positions.
            assertThat(out.reshape(-1, D).mean(new int[] {0}).abs().max().getFloat()).isLessThan(1e-5f);
        }
    }

    @Test
    void noneIsTheIdentity() {
        try (NDManager m = NDManager.newBaseManager()) {
            Block block = create(m, "{\"type\": \"none\"}");
            NDArray x = input(m);
            Doubles.assertClose(run(m, block, x, true), Doubles.of3(x), 0, "none");
            assertThat(block.getParameters().isEmpty()).isTrue();
        }
    }

    private static Block create(NDManager m, String json) {
        Engine.getInstance().setRandomSeed(3);
        Block block = REGISTRY.create(norm(json), D);
        block.initialize(m, DataType.FLOAT32, new Shape(2, 5, D));
        return block;
    }

    private static NDArray input(NDManager m) {
        Engine.getInstance().setRandomSeed(9);
        return m.randomNormal(0, 2, new Shape(2, 5, D), DataType.FLOAT32).add(0.7f);
    }

    private static NDArray mask(NDManager m) {
        return m.create(REAL);
    }

    private static NDArray run(NDManager m, Block block, NDArray x, boolean training) {
        return block.forward(new ParameterStore(m, false), new NDList(x, mask(m)), training).head();
    }

    private static double[][][] normalize(double[][][] x, double[] mean, double[] var, double[] g, double[] b) {
        return map(x, v -> {
            double[] out = new double[v.length];
            for (int f = 0; f < v.length; f++) {
                out[f] = (v[f] - mean[f]) / Math.sqrt(var[f] + 1e-5) * g[f] + b[f];
            }
            return out;
        });
    }

    private static double mean(double[] v) {
        double s = 0;
        for (double e : v) {
            s += e;
        }
        return s / v.length;
    }

    private static double[][][] map(double[][][] x, UnaryOperator<double[]> f) {
        double[][][] out = new double[x.length][x[0].length][];
        for (int s = 0; s < x.length; s++) {
            for (int t = 0; t < x[s].length; t++) {
                out[s][t] = f.apply(x[s][t]);
            }
        }
        return out;
    }
}
