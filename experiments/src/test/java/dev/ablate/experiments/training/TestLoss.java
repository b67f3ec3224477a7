package dev.ablate.experiments.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import dev.ablate.tasks.Vocabulary;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Label-smoothed cross-entropy against a double-precision reference: per counted label,
 * (1−ε)·(−log p(y)) + ε·mean_v(−log p(v)), averaged over the counted labels; padding
 * ({@link Vocabulary#PAD}) never counts in a [batch, length] layout, while every row of a
 * [batch, classes] classification counts, class 0 included.
 */
class TestLoss {

    private static final int BATCH = 2;
    private static final int LENGTH = 3;
    private static final int VOCABULARY = 5;
    /** Two padded positions: row 0's last and row 1's last two. */
    private static final int[] LABELS = {4, 2, Vocabulary.PAD, 3, Vocabulary.PAD, Vocabulary.PAD};
    private static final int COUNTED = 3;

    @RegisterExtension
    final CpuManager cpu = new CpuManager();

    private static float[] logits(int rows, int classes) {
        float[] out = new float[rows * classes];
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) (Math.sin(1.7 * i + 0.3) * 2.5 + 0.1 * (i % 3));
        }
        return out;
    }

    private static double[] logSoftmax(float[] logits, int row, int classes) {
        double max = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < classes; c++) {
            max = Math.max(max, logits[row * classes + c]);
        }
        double sum = 0;
        for (int c = 0; c < classes; c++) {
            sum += Math.exp(logits[row * classes + c] - max);
        }
        double log = max + Math.log(sum);
        double[] out = new double[classes];
        for (int c = 0; c < classes; c++) {
            out[c] = logits[row * classes + c] - log;
        }
        return out;
    }

    /** The reference loss over {@code rows} rows; {@code padded} rows (label PAD) are left out when {@code skipPad}. */
    private static double reference(float[] logits, int[] labels, int classes, double epsilon, boolean skipPad) {
        double total = 0;
        int counted = 0;
        for (int r = 0; r < labels.length; r++) {
            if (skipPad && labels[r] == Vocabulary.PAD) {
                continue;
            }
            double[] lp = logSoftmax(logits, r, classes);
            double uniform = 0;
            for (double x : lp) {
                uniform -= x / classes;
            }
            total += (1 - epsilon) * -lp[labels[r]] + epsilon * uniform;
            counted++;
        }
        return total / counted;
    }

    private NDArray sequenceLogits(float[] values) {
        return cpu.get().create(values, new Shape(BATCH, LENGTH, VOCABULARY));
    }

    private NDArray sequenceLabels() {
        return cpu.get().create(LABELS, new Shape(BATCH, LENGTH));
    }

    @Test
    void smoothedLossMatchesTheReference() {
        float[] values = logits(BATCH * LENGTH, VOCABULARY);
        for (double epsilon : new double[] {0, 0.1, 0.3, 0.9}) {
            float loss = Loss.smoothed(sequenceLogits(values), sequenceLabels(), COUNTED, epsilon).getFloat();
            assertThat((double) loss).as("ε = %s", epsilon)
                    .isCloseTo(reference(values, LABELS, VOCABULARY, epsilon, true), within(1e-5));
        }
    }

    @Test
    void zeroEpsilonIsPlainNegativeLogLikelihood() {
        float[] values = logits(BATCH * LENGTH, VOCABULARY);
        double nll = 0;
        for (int r = 0; r < LABELS.length; r++) {
            if (LABELS[r] != Vocabulary.PAD) {
                nll -= logSoftmax(values, r, VOCABULARY)[LABELS[r]];
            }
        }
        float summed = Loss.negativeLogLikelihood(sequenceLogits(values), sequenceLabels()).getFloat();
        assertThat((double) summed).isCloseTo(nll, within(1e-5));
        float smoothed = Loss.smoothed(sequenceLogits(values), sequenceLabels(), COUNTED, 0).getFloat();
        assertThat((double) smoothed).isCloseTo(nll / COUNTED, within(1e-6));
        assertThat(smoothed).isCloseTo(summed / COUNTED, within(1e-6f));
    }

    @Test
    void paddedPositionsDoNotCount() {
        float[] values = logits(BATCH * LENGTH, VOCABULARY);
        float[] perturbed = values.clone();
        for (int r = 0; r < LABELS.length; r++) {
            if (LABELS[r] == Vocabulary.PAD) {
                for (int c = 0; c < VOCABULARY; c++) {
                    perturbed[r * VOCABULARY + c] += (float) (7 * Math.cos(r + 3 * c));
                }
            }
        }
        for (double epsilon : new double[] {0, 0.1}) {
            float before = Loss.smoothed(sequenceLogits(values), sequenceLabels(), COUNTED, epsilon).getFloat();
            float after = Loss.smoothed(sequenceLogits(perturbed), sequenceLabels(), COUNTED, epsilon).getFloat();
            assertThat(after).isEqualTo(before);
        }
        assertThat(Loss.negativeLogLikelihood(sequenceLogits(perturbed), sequenceLabels()).getFloat())
                .isEqualTo(Loss.negativeLogLikelihood(sequenceLogits(values), sequenceLabels()).getFloat());
        // while perturbing a counted position does change it
        float[] counted = values.clone();
        counted[0] += 1f;
        assertThat(Loss.smoothed(sequenceLogits(counted), sequenceLabels(), COUNTED, 0.1).getFloat())
                .isNotEqualTo(Loss.smoothed(sequenceLogits(values), sequenceLabels(), COUNTED, 0.1).getFloat());
    }

    @Test
    void classificationCountsEveryRowClassZeroIncluded() {
        int classes = 3;
        int[] labels = {0, 2, 1, 0};
        float[] values = logits(labels.length, classes);
        NDArray labelArray = cpu.get().create(labels, new Shape(labels.length));
        for (double epsilon : new double[] {0, 0.1}) {
            float loss = Loss.smoothed(cpu.get().create(values, new Shape(labels.length, classes)), labelArray,
                    labels.length, epsilon).getFloat();
            assertThat((double) loss).isCloseTo(reference(values, labels, classes, epsilon, false), within(1e-5));
        }
        double nll = 0;
        for (int r = 0; r < labels.length; r++) {
            nll -= logSoftmax(values, r, classes)[labels[r]];
        }
        assertThat((double) Loss.negativeLogLikelihood(cpu.get().create(values, new Shape(labels.length, classes)), labelArray)
                .getFloat()).isCloseTo(nll, within(1e-5));
    }

    @Test
    void gradientMatchesTheReferenceAndSurvivesGarbageCollection() {
        double epsilon = 0.1;
        float[] values = logits(BATCH * LENGTH, VOCABULARY);
        float[] first = gradient(values, epsilon);
        float[] second = gradient(values, epsilon);
        assertThat(second).containsExactly(first);
        // d loss / d logit(r, c) = counted(r) / N · (softmax(r)_c − q_c), q = (1−ε)·onehot(y) + ε / V
        for (int r = 0; r < LABELS.length; r++) {
            double[] lp = logSoftmax(values, r, VOCABULARY);
            for (int c = 0; c < VOCABULARY; c++) {
                double expected = 0;
                if (LABELS[r] != Vocabulary.PAD) {
                    double q = (c == LABELS[r] ? 1 - epsilon : 0) + epsilon / VOCABULARY;
                    expected = (Math.exp(lp[c]) - q) / COUNTED;
                }
                assertThat((double) first[r * VOCABULARY + c]).as("row %d class %d", r, c).isCloseTo(expected, within(1e-6));
            }
        }
    }

    /** The gradient of the smoothed loss by the logits, with garbage collected between forward and backward. */
    private float[] gradient(float[] values, double epsilon) {
        try (NDManager local = cpu.get().newSubManager()) {
            NDArray logits = local.create(values, new Shape(BATCH, LENGTH, VOCABULARY));
            logits.setRequiresGradient(true);
            NDArray labels = local.create(LABELS, new Shape(BATCH, LENGTH));
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                NDArray loss = Loss.smoothed(logits, labels, COUNTED, epsilon);
                for (int i = 0; i < 3; i++) {
                    System.gc();
                    // allocate a little so freed buffers get reused
                    local.create(new float[4096]).close();
                }
                collector.backward(loss);
            }
            return logits.getGradient().toFloatArray();
        }
    }

    @Test
    void correctCountsOnlyCountedLabels() {
        // the arg-max of each position; at two padded positions it is PAD itself, which must not count
        int[] argMax = {4, 1, 0, 3, 0, 2};
        float[] values = new float[LABELS.length * VOCABULARY];
        for (int r = 0; r < LABELS.length; r++) {
            values[r * VOCABULARY + argMax[r]] = 1f;
        }
        // labels 4, 2, PAD, 3, PAD, PAD: right at positions 0 and 3 only
        long correct = Loss.correct(sequenceLogits(values), sequenceLabels()).getLong();
        assertThat(correct).isEqualTo(2);
        // classification: every row counts, class 0 too
        int[] classes = {2, 0, 1, 0};
        float[] rows = new float[classes.length * 3];
        for (int r = 0; r < classes.length; r++) {
            rows[r * 3 + (r == 3 ? 1 : classes[r])] = 1f;
        }
        long right = Loss.correct(cpu.get().create(rows, new Shape(classes.length, 3)),
                cpu.get().create(classes, new Shape(classes.length))).getLong();
        assertThat(right).isEqualTo(3);
    }
}
