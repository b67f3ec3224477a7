package dev.ablate.experiments.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.offset;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@link Adam} against an independent double-precision Adam written out element by element.
 *
 * <p>The gradients come from a real backward pass of f(w) = Σ c·w + Σ h·w² (so g = c + 2h·w, which
 * changes from step to step as w moves). The reference follows what Adam's javadoc states, the
 * MXNet form of the bias correction: m = β1·m + (1−β1)·g, v = β2·v + (1−β2)·g²,
 * w −= lr·√(1−β2^t)/(1−β1^t) · m/(√v + ε), with g first multiplied by rescale and, with weight
 * decay, w −= lr·wd·w (decoupled, uncorrected lr) before the moment update.
 * {@link #kernelUsesTheMxnetFormNotThePyTorchForm} shows on numbers that the fused kernel computes
 * this form and not PyTorch's w −= lr/(1−β1^t) · m/(√v/√(1−β2^t) + ε): they differ only in where ε
 * sits, visible when ε is comparable to the gradients.
 */
class TestAdam {

    private static final float[] W0 = {0.5f, -1.25f, 2f, 0.125f, -0.75f, 1.5f};
    private static final float[] C = {0.3f, -0.7f, 1.1f, 0.05f, -2f, 0.4f};
    private static final float[] H = {0.2f, 0.1f, -0.05f, 0.5f, 0.15f, 0.01f};

    @RegisterExtension
    final CpuManager cpu = new CpuManager();

    /** The parameters under test: the 6 weights as [2, 3] and a second parameter, so several are updated. */
    private final class Problem {
        final List<Parameter> parameters = new ArrayList<>();
        final List<NDArray> c = new ArrayList<>();
        final List<NDArray> h = new ArrayList<>();

        Problem(float scale) {
            add("w", W0, scale, new Shape(2, 3));
            float[] second = {-0.25f, 0.75f};
            add("b", second, scale, new Shape(2));
        }

        private void add(String name, float[] initial, float scale, Shape shape) {
            int n = initial.length;
            float[] cs = new float[n];
            float[] hs = new float[n];
            for (int i = 0; i < n; i++) {
                cs[i] = C[i % C.length] * scale;
                hs[i] = H[(i + 1) % H.length] * scale;
            }
            // duplicate(): the weights live in the engine's own memory, not in a buffer made from Java data
            NDArray weight = cpu.get().create(initial, shape).duplicate();
            weight.setRequiresGradient(true);
            parameters.add(Parameter.builder().setName(name).setType(Parameter.Type.WEIGHT).optArray(weight).build());
            c.add(cpu.get().create(cs, shape));
            h.add(cpu.get().create(hs, shape));
        }

        /** Forward and backward of f(w) = Σ c·w + Σ h·w²; returns every parameter's gradient as read back. */
        List<float[]> backward() {
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                NDArray total = null;
                for (int i = 0; i < parameters.size(); i++) {
                    NDArray w = parameters.get(i).getArray();
                    NDArray term = w.mul(c.get(i)).add(w.mul(w).mul(h.get(i))).sum();
                    total = total == null ? term : total.add(term);
                }
                collector.backward(total);
            }
            List<float[]> gradients = new ArrayList<>();
            for (int i = 0; i < parameters.size(); i++) {
                float[] g = parameters.get(i).getArray().getGradient().toFloatArray();
                float[] w = parameters.get(i).getArray().toFloatArray();
                float[] cs = c.get(i).toFloatArray();
                float[] hs = h.get(i).toFloatArray();
                for (int j = 0; j < g.length; j++) {
                    // the gradient is the analytic one: the test's own premise
                    double expected = cs[j] + 2.0 * hs[j] * w[j];
                    assertThat((double) g[j]).isCloseTo(expected, offset(1e-6 * (1e-3 + Math.abs(expected))));
                }
                gradients.add(g);
            }
            return gradients;
        }

        List<float[]> weights() {
            return parameters.stream().map(p -> p.getArray().toFloatArray()).toList();
        }
    }

    /** A double-precision Adam, element by element. */
    private static final class Reference {
        final double beta1;
        final double beta2;
        final double kernelBeta1;
        final double kernelBeta2;
        final double eps;
        final double weightDecay;
        final boolean pytorchForm;
        final List<double[]> w = new ArrayList<>();
        final List<double[]> m = new ArrayList<>();
        final List<double[]> v = new ArrayList<>();
        int t;

        Reference(AdamConfig config, List<float[]> initial, boolean pytorchForm) {
            this.beta1 = config.beta1();
            this.beta2 = config.beta2();
            // The kernel takes β1 and β2 as floats: 0.98f is 0.98000001907..., so 1 − β2 differs from
            // 0.02 by 1e-6 relative, which would show at the 1e-6 we compare at. The moments use the
            // floats; the bias correction is computed by Adam itself, from the doubles.
            this.kernelBeta1 = (float) config.beta1().doubleValue();
            this.kernelBeta2 = (float) config.beta2().doubleValue();
            this.eps = config.eps();
            this.weightDecay = config.weightDecay();
            this.pytorchForm = pytorchForm;
            for (float[] x : initial) {
                double[] d = new double[x.length];
                for (int i = 0; i < x.length; i++) {
                    d[i] = x[i];
                }
                w.add(d);
                m.add(new double[x.length]);
                v.add(new double[x.length]);
            }
        }

        void update(List<float[]> gradients, double lr, double rescale) {
            t++;
            double c1 = 1 - Math.pow(beta1, t);
            double c2 = 1 - Math.pow(beta2, t);
            for (int p = 0; p < w.size(); p++) {
                double[] wp = w.get(p);
                double[] mp = m.get(p);
                double[] vp = v.get(p);
                float[] gp = gradients.get(p);
                for (int i = 0; i < wp.length; i++) {
                    double g = gp[i] * rescale;
                    wp[i] -= lr * weightDecay * wp[i];
                    mp[i] = kernelBeta1 * mp[i] + (1 - kernelBeta1) * g;
                    vp[i] = kernelBeta2 * vp[i] + (1 - kernelBeta2) * g * g;
                    if (pytorchForm) {
                        wp[i] -= lr / c1 * mp[i] / (Math.sqrt(vp[i]) / Math.sqrt(c2) + eps);
                    } else {
                        wp[i] -= lr * Math.sqrt(c2) / c1 * mp[i] / (Math.sqrt(vp[i]) + eps);
                    }
                }
            }
        }

        /** The largest |ours − reference| / max(|reference|, 1e-3) over every weight. */
        double maxRelativeError(List<float[]> ours) {
            double worst = 0;
            for (int p = 0; p < w.size(); p++) {
                for (int i = 0; i < w.get(p).length; i++) {
                    double ref = w.get(p)[i];
                    worst = Math.max(worst, Math.abs(ours.get(p)[i] - ref) / Math.max(Math.abs(ref), 1e-3));
                }
            }
            return worst;
        }
    }

    private static final float[] LRS = {0.01f, 0.02f, 0.005f, 0.03f, 0.01f};

    /** Runs 5 updates of ours and the reference side by side; returns the worst relative error over all steps. */
    private double compare(AdamConfig config, float gradientScale, float[] rescales, boolean pytorchForm) {
        Problem problem = new Problem(gradientScale);
        Adam adam = new Adam(config);
        Reference reference = new Reference(config, problem.weights(), pytorchForm);
        double worst = 0;
        for (int step = 0; step < LRS.length; step++) {
            List<float[]> gradients = problem.backward();
            adam.update(problem.parameters, LRS[step], rescales[step]);
            reference.update(gradients, LRS[step], rescales[step]);
            assertThat(adam.updates()).isEqualTo(step + 1);
            worst = Math.max(worst, reference.maxRelativeError(problem.weights()));
        }
        // and the weights really moved: the comparison is not of two unchanged arrays
        assertThat(problem.weights().get(0)[0]).isNotEqualTo(W0[0]);
        return worst;
    }

    private static final float[] NO_RESCALE = {1f, 1f, 1f, 1f, 1f};

    @Test
    void matchesTheReferenceWithThePapersSettings() {
        assertThat(compare(AdamConfig.paper(), 1f, NO_RESCALE, false)).isLessThan(1e-6);
    }

    @Test
    void matchesTheReferenceWithOtherBetasAndALargeEpsilon() {
        // ε = 1e-3 against gradients of about 1e-3: ε matters in every update
        AdamConfig config = new AdamConfig(0.8, 0.95, 1e-3, null);
        assertThat(compare(config, 1e-3f, NO_RESCALE, false)).isLessThan(1e-6);
    }

    @Test
    void kernelUsesTheMxnetFormNotThePyTorchForm() {
        AdamConfig config = new AdamConfig(0.9, 0.98, 1e-3, null);
        double mxnet = compare(config, 1e-3f, NO_RESCALE, false);
        double pytorch = compare(config, 1e-3f, NO_RESCALE, true);
        assertThat(mxnet).isLessThan(1e-6);
        assertThat(pytorch).as("the PyTorch form is distinguishable here").isGreaterThan(1e-4);
    }

    @Test
    void rescaleMultipliesTheGradientsFirst() {
        // Adam is nearly invariant to one constant scale of all gradients; a scale that changes from
        // step to step, and an ε that matters, make the rescale visible
        float[] rescales = {1f, 0.5f, 0.25f, 1f, 0.1f};
        AdamConfig config = new AdamConfig(0.9, 0.98, 1e-3, null);
        assertThat(compare(config, 1e-3f, rescales, false)).isLessThan(1e-6);
        // ...and ignoring it would not match
        Problem problem = new Problem(1e-3f);
        Adam adam = new Adam(config);
        Reference ignoring = new Reference(config, problem.weights(), false);
        for (int step = 0; step < LRS.length; step++) {
            List<float[]> gradients = problem.backward();
            adam.update(problem.parameters, LRS[step], rescales[step]);
            ignoring.update(gradients, LRS[step], 1);
        }
        assertThat(ignoring.maxRelativeError(problem.weights())).isGreaterThan(1e-4);
    }

    @Test
    void weightDecayIsDecoupled() {
        AdamConfig config = new AdamConfig(0.9, 0.98, 1e-9, 0.5);
        assertThat(compare(config, 1f, NO_RESCALE, false)).isLessThan(1e-6);
        float[] rescales = {1f, 0.5f, 0.25f, 1f, 0.1f};
        assertThat(compare(new AdamConfig(0.9, 0.98, 1e-3, 0.1), 1e-3f, rescales, false)).isLessThan(1e-6);
    }

    @Test
    void updateZeroesTheGradients() {
        Problem problem = new Problem(1f);
        Adam adam = new Adam(AdamConfig.paper());
        problem.backward();
        adam.update(problem.parameters, 0.01f, 1f);
        for (Parameter p : problem.parameters) {
            for (float g : p.getArray().getGradient().toFloatArray()) {
                assertThat(g).isZero();
            }
        }
        // a second backward therefore gives the gradient at the new weights, not a sum of two
        problem.backward();
    }

    private static byte[] save(Adam adam, List<Parameter> parameters) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        adam.save(out, parameters);
        out.flush();
        return bytes.toByteArray();
    }

    private static void assertBitwiseEqual(List<float[]> a, List<float[]> b) {
        assertThat(a).hasSameSizeAs(b);
        for (int p = 0; p < a.size(); p++) {
            assertThat(a.get(p)).hasSameSizeAs(b.get(p));
            for (int i = 0; i < a.get(p).length; i++) {
                assertThat(Float.floatToRawIntBits(a.get(p)[i])).as("parameter %d element %d", p, i)
                        .isEqualTo(Float.floatToRawIntBits(b.get(p)[i]));
            }
        }
    }

    @Test
    void savedAndLoadedStateContinuesBitwiseAsIfNeverSaved() throws IOException {
        AdamConfig config = new AdamConfig(0.9, 0.98, 1e-9, 0.01);
        Problem straight = new Problem(1f);
        Adam uninterrupted = new Adam(config);
        for (float lr : LRS) {
            straight.backward();
            uninterrupted.update(straight.parameters, lr, 0.75f);
        }

        Problem resumed = new Problem(1f);
        Adam first = new Adam(config);
        for (int step = 0; step < 2; step++) {
            resumed.backward();
            first.update(resumed.parameters, LRS[step], 0.75f);
        }
        byte[] state = save(first, resumed.parameters);
        Adam second = new Adam(config);
        second.load(new DataInputStream(new ByteArrayInputStream(state)), resumed.parameters);
        assertThat(second.updates()).isEqualTo(2);
        // a saved state saves again to the same bytes
        assertThat(save(second, resumed.parameters)).isEqualTo(state);
        for (int step = 2; step < LRS.length; step++) {
            resumed.backward();
            second.update(resumed.parameters, LRS[step], 0.75f);
        }

        assertThat(second.updates()).isEqualTo(uninterrupted.updates());
        assertBitwiseEqual(resumed.weights(), straight.weights());
        // the moments too
        assertThat(save(second, resumed.parameters)).isEqualTo(save(uninterrupted, straight.parameters));
    }

    @Test
    void loadingIntoAFreshModelWithFreshParametersAlsoContinuesBitwise() throws IOException {
        // the checkpoint case: the parameters after loading are other Parameter objects (other ids)
        AdamConfig config = AdamConfig.paper();
        Problem straight = new Problem(1f);
        Adam uninterrupted = new Adam(config);
        for (float lr : LRS) {
            straight.backward();
            uninterrupted.update(straight.parameters, lr, 1f);
        }

        Problem before = new Problem(1f);
        Adam first = new Adam(config);
        for (int step = 0; step < 3; step++) {
            before.backward();
            first.update(before.parameters, LRS[step], 1f);
        }
        byte[] state = save(first, before.parameters);
        Problem after = new Problem(1f);
        for (int p = 0; p < after.parameters.size(); p++) {
            after.parameters.get(p).getArray().set(before.parameters.get(p).getArray().toFloatArray());
        }
        Adam second = new Adam(config);
        second.load(new DataInputStream(new ByteArrayInputStream(state)), after.parameters);
        for (int step = 3; step < LRS.length; step++) {
            after.backward();
            second.update(after.parameters, LRS[step], 1f);
        }
        assertBitwiseEqual(after.weights(), straight.weights());
    }

    @Test
    void loadRejectsStateOfAnotherModel() throws IOException {
        Problem problem = new Problem(1f);
        Adam adam = new Adam(AdamConfig.paper());
        problem.backward();
        adam.update(problem.parameters, 0.01f, 1f);
        byte[] state = save(adam, problem.parameters);
        Adam fresh = new Adam(AdamConfig.paper());
        List<Parameter> fewer = problem.parameters.subList(0, 1);
        assertThatThrownBy(() -> fresh.load(new DataInputStream(new ByteArrayInputStream(state)), fewer))
                .isInstanceOf(IOException.class).hasMessageContaining("2 parameters");
        List<Parameter> swapped = List.of(problem.parameters.get(1), problem.parameters.get(0));
        assertThatThrownBy(() -> fresh.load(new DataInputStream(new ByteArrayInputStream(state)), swapped))
                .isInstanceOf(IOException.class).hasMessageContaining("shape");
    }
}
