package dev.ablate.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.core.Linear;

/**
 * Double-precision arrays for reference computations written independently of the code under test:
 * conversions from and to NDArrays, the few linear-algebra steps references need, and a tolerance
 * check that names the worst element.
 */
public final class Doubles {

    private Doubles() {}

    /** A {@code [B, T, D]} array as {@code double[B][T][D]}. */
    public static double[][][] of3(NDArray x) {
        Shape s = x.getShape();
        float[] f = x.toFloatArray();
        int b = (int) s.get(0);
        int t = (int) s.get(1);
        int d = (int) s.get(2);
        double[][][] out = new double[b][t][d];
        for (int i = 0; i < b; i++) {
            for (int j = 0; j < t; j++) {
                for (int k = 0; k < d; k++) {
                    out[i][j][k] = f[(i * t + j) * d + k];
                }
            }
        }
        return out;
    }

    /** A {@code [R, C]} array as {@code double[R][C]}. */
    public static double[][] of2(NDArray x) {
        Shape s = x.getShape();
        float[] f = x.toFloatArray();
        int r = (int) s.get(0);
        int c = (int) s.get(1);
        double[][] out = new double[r][c];
        for (int i = 0; i < r; i++) {
            for (int j = 0; j < c; j++) {
                out[i][j] = f[i * c + j];
            }
        }
        return out;
    }

    public static double[] of1(NDArray x) {
        float[] f = x.toFloatArray();
        double[] out = new double[f.length];
        for (int i = 0; i < f.length; i++) {
            out[i] = f[i];
        }
        return out;
    }

    public static NDArray toArray(NDManager m, double[][][] x) {
        int b = x.length;
        int t = x[0].length;
        int d = x[0][0].length;
        float[] f = new float[b * t * d];
        for (int i = 0; i < b; i++) {
            for (int j = 0; j < t; j++) {
                for (int k = 0; k < d; k++) {
                    f[(i * t + j) * d + k] = (float) x[i][j][k];
                }
            }
        }
        return m.create(f, new Shape(b, t, d));
    }

    /** The weight {@code [out, in]} of a DJL Linear. */
    public static double[][] weight(Linear linear) {
        return of2(linear.getParameters().get("weight").getArray());
    }

    /** The bias of a DJL Linear, or zeros when it has none. */
    public static double[] bias(Linear linear, int units) {
        var bias = linear.getParameters().get("bias");
        return bias == null ? new double[units] : of1(bias.getArray());
    }

    /** {@code x·Wᵀ + b} for one vector. */
    public static double[] affine(double[] x, double[][] w, double[] b) {
        double[] out = new double[w.length];
        for (int o = 0; o < w.length; o++) {
            double s = b[o];
            for (int i = 0; i < x.length; i++) {
                s += w[o][i] * x[i];
            }
            out[o] = s;
        }
        return out;
    }

    /** {@link #affine} applied to every row. */
    public static double[][] affineRows(double[][] x, double[][] w, double[] b) {
        double[][] out = new double[x.length][];
        for (int t = 0; t < x.length; t++) {
            out[t] = affine(x[t], w, b);
        }
        return out;
    }

    /** Compares element by element; expected NaN means "undefined" and is skipped. */
    public static void assertClose(NDArray actual, double[][][] expected, double tolerance, String what) {
        double[][][] a = of3(actual);
        assertThat(a.length).as(what + ": batch").isEqualTo(expected.length);
        double worst = 0;
        String where = "";
        for (int i = 0; i < a.length; i++) {
            for (int j = 0; j < a[i].length; j++) {
                for (int k = 0; k < a[i][j].length; k++) {
                    if (Double.isNaN(expected[i][j][k])) {
                        continue;
                    }
                    double diff = Math.abs(a[i][j][k] - expected[i][j][k]);
                    if (!(diff <= worst)) {
                        worst = diff;
                        where = "[" + i + "," + j + "," + k + "] actual " + a[i][j][k] + " expected " + expected[i][j][k];
                    }
                }
            }
        }
        assertThat(worst).as(what + ": largest difference at " + where).isLessThanOrEqualTo(tolerance);
    }
}
