package dev.ablate.experiments.training;

import ai.djl.MalformedModelException;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import dev.ablate.models.transformer.TransformerModel;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;

/**
 * Trains a model one update at a time: {@link #step} is batch → forward → loss → backward → clip →
 * update. Its randomness is a function of (seed, step): every step's batch (see {@link Batches}) and
 * its dropout masks, so a run resumed from a checkpoint ({@link #readWeights}, {@link
 * #readOptimizer}) continues exactly as an uninterrupted one.
 */
public final class Trainer {

    /** What one update did: the loss, the learning rate, the gradients' global norm (NaN without clipping), tokens read. */
    public record Step(float loss, float learningRate, double gradientNorm, long tokens) {}

    /** The loss of a step was NaN or infinite. */
    public static final class Diverged extends Exception {
        private static final long serialVersionUID = 1L;
        private final int step;

        Diverged(int step, float loss) {
            super("loss " + loss + " at step " + step);
            this.step = step;
        }

        public int step() {
            return step;
        }
    }

    private final TransformerModel model;
    private final TrainingConfig config;
    private final Batches batches;
    private final NDManager manager;
    private final int seed;
    private final List<Parameter> trainable;
    private final Optimizer optimizer;
    private ParameterStore parameters;

    /** @param model an initialized model on {@code manager}'s device */
    public Trainer(TransformerModel model, TrainingConfig config, Batches batches, NDManager manager, int seed) {
        this.model = model;
        this.config = config;
        this.batches = batches;
        this.manager = manager;
        this.seed = seed;
        this.trainable = model.getParameters().values().stream().filter(Parameter::requiresGradient).toList();
        this.optimizer = config.optimizer().create();
        this.parameters = new ParameterStore(manager, false);
    }

    /** Update {@code step} (1-based). */
    public Step step(int step) throws Diverged {
        float lr = (float) config.schedule().rate(step, model.config().dModel());
        try (NDManager scope = manager.newSubManager()) {
            // Dropout masks of this step depend on (seed, step) only: what makes resuming exact.
            Engine.getInstance().setRandomSeed(stepSeed(seed, step));
            Batches.Batch batch = batches.train(scope, seed, step, config.batchSize());
            NDArray loss;
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                NDArray logits = model.forward(parameters, batch.inputs(), true).head();
                loss = Loss.smoothed(logits, batch.labels(), batch.labelTokens(), config.labelSmoothing());
                collector.backward(loss);
            }
            float value = loss.getFloat();
            if (!Float.isFinite(value)) {
                throw new Diverged(step, value);
            }
            double norm = config.clipNorm() == null ? Double.NaN : gradientNorm(scope);
            optimizer.update(trainable, lr, clippingRescale(norm));
            return new Step(value, lr, norm, batch.throughputTokens());
        }
    }

    /** The parameter store the model reads its weights through; a new one after weights are read. */
    public ParameterStore parameters() {
        return parameters;
    }

    public void writeWeights(OutputStream out) throws IOException {
        model.saveParameters(new DataOutputStream(out));
    }

    public void writeOptimizer(OutputStream out) throws IOException {
        DataOutputStream data = new DataOutputStream(out);
        optimizer.save(data, trainable);
        data.flush();
    }

    /** Replaces the model's weights with what {@link #writeWeights} wrote. */
    public void readWeights(DataInputStream in) throws IOException {
        try {
            model.loadParameters(manager, in);
        } catch (MalformedModelException e) {
            throw new IOException("not a checkpoint of this model (" + e.getMessage() + ")", e);
        }
        // Loading replaces the arrays: the new ones must collect gradients again, and a parameter
        // store keeps the arrays it handed out, so a fresh one sees the loaded weights.
        for (Parameter p : trainable) {
            p.getArray().setRequiresGradient(true);
        }
        parameters = new ParameterStore(manager, false);
    }

    public void readOptimizer(DataInputStream in) throws IOException {
        optimizer.load(in, trainable);
    }

    /** Gradient clipping by global norm, applied by the optimizer's kernel as a rescale of the gradients. */
    private float clippingRescale(double norm) {
        return config.clipNorm() == null || norm <= config.clipNorm() ? 1f : (float) (config.clipNorm() / (norm + 1e-6));
    }

    /** The global L2 norm of all gradients: one read-back per step. */
    private double gradientNorm(NDManager scope) {
        NDArray total = null;
        for (Parameter p : trainable) {
            NDArray squares = p.getArray().getGradient().square().sum();
            total = total == null ? squares : total.add(squares);
        }
        if (total == null) {
            return 0;
        }
        scope.tempAttachAll(total);
        return Math.sqrt(total.getFloat());
    }

    static int stepSeed(int seed, int step) {
        return (int) ((seed * 1_000_003L + step) % Integer.MAX_VALUE);
    }
}
