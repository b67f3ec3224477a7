package dev.ablate.experiments.sweep;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.util.cuda.CudaUtils;
import dev.ablate.core.error.UserException;
import dev.ablate.core.registry.ComponentRegistry;
import dev.ablate.experiments.evaluation.CheckpointChoice;
import dev.ablate.experiments.evaluation.EvaluationConfig;
import dev.ablate.experiments.evaluation.Evaluator;
import dev.ablate.experiments.spec.ExperimentPlan;
import dev.ablate.experiments.spec.PlannedRun;
import dev.ablate.experiments.spec.Variant;
import dev.ablate.store.CheckpointState;
import dev.ablate.core.io.AtomicFiles;
import dev.ablate.store.RunDirectory;
import dev.ablate.store.RunResult;
import dev.ablate.data.task.Split;
import dev.ablate.data.task.Task;
import dev.ablate.data.task.TaskKind;
import dev.ablate.data.task.Vocabulary;
import dev.ablate.experiments.training.Adam;
import dev.ablate.experiments.training.AdamConfig;
import dev.ablate.experiments.training.Batches;
import dev.ablate.experiments.training.Loss;
import dev.ablate.experiments.training.TrainingConfig;
import dev.ablate.models.transformer.TransformerFactory;
import dev.ablate.models.transformer.TransformerModel;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Trains and evaluates one run, resumably. The run's randomness is a function of (seed, step):
 * the initial weights come from the seed, every step's dropout from (seed, step), every step's
 * batch from (seed, step) (see {@link Batches}), so a run resumed from its last checkpoint ends
 * with the same numbers as one never interrupted.
 */
final class RunExecutor {

    /** The loss of {@code step} was NaN or infinite. */
    private static final class Diverged extends Exception {
        private static final long serialVersionUID = 1L;
        final int step;

        Diverged(int step, float loss) {
            super("loss " + loss + " at step " + step);
            this.step = step;
        }
    }

    private final ExperimentPlan plan;
    private final TransformerFactory factory;
    private final ComponentRegistry registry;
    private final RunEnvironment environment;
    private final ProgressListener listener;

    RunExecutor(ExperimentPlan plan, TransformerFactory factory, ComponentRegistry registry, RunEnvironment environment,
            ProgressListener listener) {
        this.plan = plan;
        this.factory = factory;
        this.registry = registry;
        this.environment = environment;
        this.listener = listener;
    }

    /** Everything that changes while the run trains, and what a checkpoint saves of it. */
    private static final class Progress {
        int step;
        int bestStep;
        Double bestValue;
        long trainNanos;
        long wallNanos;
        long trainedTokens;
        double[] stepMillis = new double[0];
        Long peakGpuMemory;

        CheckpointState state() {
            return new CheckpointState(step, bestStep, bestValue, trainNanos, wallNanos, trainedTokens,
                    Arrays.copyOf(stepMillis, step), peakGpuMemory);
        }

        static Progress of(CheckpointState s, int steps) {
            Progress p = new Progress();
            p.step = s.step();
            p.bestStep = s.bestStep();
            p.bestValue = s.bestValue();
            p.trainNanos = s.trainNanos();
            p.wallNanos = s.wallNanos();
            p.trainedTokens = s.trainedTokens();
            p.stepMillis = Arrays.copyOf(s.stepMillis(), steps);
            p.peakGpuMemory = s.peakGpuMemoryBytes();
            return p;
        }
    }

    /**
     * The run folder keeps the vocabularies the run trains with (for bpe, the learned merges too), so a
     * checkpoint's embedding rows can always be read as tokens. A resumed run must find that the data
     * still gives the same vocabularies: a changed data file under an unchanged spec would otherwise
     * resume with every token id meaning something else.
     */
    private static void keepVocabularies(Task task, RunDirectory dir, boolean resuming) {
        Map<Path, Vocabulary> files = new LinkedHashMap<>();
        if (task.sourceVocabulary().equals(task.targetVocabulary())) {
            files.put(dir.vocabularyFile(""), task.sourceVocabulary());
        } else {
            files.put(dir.vocabularyFile("source-"), task.sourceVocabulary());
            files.put(dir.vocabularyFile("target-"), task.targetVocabulary());
        }
        for (Map.Entry<Path, Vocabulary> e : files.entrySet()) {
            if (resuming && Files.exists(e.getKey())) {
                if (!Vocabulary.load(e.getKey()).equals(e.getValue())) {
                    throw new UserException(e.getKey() + ": the task's data now gives a different vocabulary from the one "
                            + "this run was trained with, so its checkpoint cannot be resumed; restore the data files, or "
                            + "delete " + dir.path() + " to train the run afresh");
                }
            } else {
                e.getValue().save(e.getKey());
            }
        }
    }

    RunResult execute(int index, int total, PlannedRun run, RunDirectory dir) throws IOException {
        Variant variant = run.variant();
        TrainingConfig training = variant.config().training();
        EvaluationConfig evaluation = variant.config().evaluation();
        Task task = plan.task();
        Device device = environment.device();
        long sessionStart = System.nanoTime();

        try (NDManager manager = NDManager.newBaseManager(device)) {
            Engine.getInstance().setRandomSeed(run.seed());
            TransformerModel model = factory.build(variant.config().model(), task.shape());
            model.initialize(manager);
            List<Parameter> trainable = model.getParameters().values().stream().filter(Parameter::requiresGradient).toList();
            Adam adam = new Adam((AdamConfig) training.optimizer());

            Progress progress = new Progress();
            progress.stepMillis = new double[training.steps()];
            var saved = dir.checkpointState();
            keepVocabularies(task, dir, saved.isPresent());
            if (saved.isPresent()) {
                progress = Progress.of(saved.get(), training.steps());
                loadModel(model, manager, dir.modelFile(progress.step), trainable);
                try (DataInputStream in = open(dir.optimizerFile(progress.step))) {
                    adam.load(in, trainable);
                }
                dir.truncateMetrics(progress.step);
            } else {
                dir.truncateMetrics(0);
            }
            listener.runStarted(index, total, run, model.parameterCount(), progress.step, training.steps());

            ParameterStore parameters = new ParameterStore(manager, false);
            Evaluator evaluator = new Evaluator(task, model, parameters, training.evalBatchSize(), evaluation,
                    maxOutputTokens(variant));
            Batches batches = new Batches(task.kind(), task.examples(Split.TRAIN));
            String metric = evaluation.metric();
            boolean higherIsBetter = TaskKind.higherIsBetter(metric);
            boolean decodeForMetric = Evaluator.needsDecoding(metric);

            try {
                while (progress.step < training.steps()) {
                    int step = progress.step + 1;
                    long start = System.nanoTime();
                    float loss;
                    double gradientNorm;
                    float lr = (float) training.schedule().rate(step, variant.config().model().dModel());
                    long tokens;
                    try (NDManager stepManager = manager.newSubManager()) {
                        // Dropout masks of this step depend on (seed, step) only: what makes resuming exact.
                        Engine.getInstance().setRandomSeed(stepSeed(run.seed(), step));
                        Batches.Batch batch = batches.train(stepManager, run.seed(), step, training.batchSize());
                        NDArray lossArray;
                        try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                            NDArray logits = model.forward(parameters, batch.inputs(), true).head();
                            lossArray = Loss.smoothed(logits, batch.labels(), batch.labelTokens(), training.labelSmoothing());
                            collector.backward(lossArray);
                        }
                        loss = lossArray.getFloat();
                        if (!Float.isFinite(loss)) {
                            throw new Diverged(step, loss);
                        }
                        gradientNorm = training.clipNorm() == null ? Double.NaN : gradientNorm(trainable, stepManager);
                        float rescale = training.clipNorm() == null || gradientNorm <= training.clipNorm() ? 1f
                                : (float) (training.clipNorm() / (gradientNorm + 1e-6));
                        adam.update(trainable, lr, rescale);
                        tokens = batch.throughputTokens();
                    }
                    long elapsed = System.nanoTime() - start;
                    progress.step = step;
                    progress.trainNanos += elapsed;
                    progress.trainedTokens += tokens;
                    progress.stepMillis[step - 1] = elapsed / 1e6;
                    double tokensPerSecond = progress.trainedTokens / (progress.trainNanos / 1e9);
                    listener.step(step, loss, tokensPerSecond);

                    if (step % training.logEvery() == 0 || step == training.steps()) {
                        measureGpuMemory(device, progress);
                        Map<String, Object> line = new LinkedHashMap<>();
                        line.put("step", step);
                        line.put("split", "train");
                        line.put("loss", (double) loss);
                        line.put("lr", (double) lr);
                        if (!Double.isNaN(gradientNorm)) {
                            line.put("gradNorm", gradientNorm);
                        }
                        line.put("tokensPerSecond", tokensPerSecond);
                        dir.appendMetrics(line);
                    }
                    if (step % training.evalEvery() == 0 || step == training.steps()) {
                        Map<String, Double> valid = evaluator.evaluate(manager, Split.VALID, decodeForMetric).metrics();
                        listener.validated(step, valid);
                        dir.appendMetrics(metricsLine(step, "valid", valid));
                        double value = valid.get(metric);
                        if (progress.bestValue == null || (higherIsBetter ? value > progress.bestValue : value < progress.bestValue)) {
                            progress.bestValue = value;
                            progress.bestStep = step;
                            AtomicFiles.write(dir.bestModelFile(), out -> model.saveParameters(new DataOutputStream(out)));
                        }
                    }
                    if (step % training.checkpointEvery() == 0 || step == training.steps()) {
                        progress.wallNanos += System.nanoTime() - sessionStart;
                        sessionStart = System.nanoTime();
                        saveCheckpoint(dir, model, adam, trainable, progress);
                    }
                }
            } catch (Diverged d) {
                progress.wallNanos += System.nanoTime() - sessionStart;
                return result(run, model, progress, RunResult.DIVERGED, Map.of(), null, d.step, null);
            }

            int evaluatedStep = progress.step;
            if (evaluation.checkpoint() == CheckpointChoice.BEST && progress.bestStep > 0) {
                loadModel(model, manager, dir.bestModelFile(), trainable);
                evaluatedStep = progress.bestStep;
                // A ParameterStore keeps the arrays it handed out; a fresh one sees the loaded weights.
                evaluator = new Evaluator(task, model, new ParameterStore(manager, false), training.evalBatchSize(),
                        evaluation, maxOutputTokens(variant));
            }
            Evaluator.Evaluation finalEvaluation = evaluator.evaluate(manager, evaluation.split(), true);
            Map<String, Double> metrics = finalEvaluation.metrics();
            if (!finalEvaluation.hypotheses().isEmpty()) {
                writeLines(dir.outputsFile(evaluation.split().label(), "hypotheses"), finalEvaluation.hypotheses());
                writeLines(dir.outputsFile(evaluation.split().label(), "references"), finalEvaluation.references());
            }
            Map<String, Object> line = metricsLine(progress.step, evaluation.split().label(), metrics);
            line.put("final", true);
            line.put("evaluatedStep", evaluatedStep);
            dir.appendMetrics(line);
            progress.wallNanos += System.nanoTime() - sessionStart;
            return result(run, model, progress, RunResult.COMPLETED, metrics, evaluatedStep, null, null);
        }
    }

    /**
     * One text a line, for {@code ablate score} and sacreBLEU. A line break inside a text (only a
     * character-level output can hold one) is written as a space so the lines stay aligned.
     */
    private static void writeLines(Path file, List<String> texts) throws IOException {
        StringBuilder out = new StringBuilder();
        for (String text : texts) {
            out.append(text.replace("\r\n", " ").replace('\n', ' ').replace('\r', ' ')).append('\n');
        }
        AtomicFiles.writeString(file, out.toString());
    }

    /** A result for a run that threw: it is retried when the spec is run again. */
    RunResult failed(PlannedRun run, Throwable error) {
        String message = error.getClass().getSimpleName() + ": " + error.getMessage();
        return new RunResult(run.variant().id(), run.variant().hash(), run.seed(), RunResult.FAILED, Map.of(),
                null, null, null, 0, 0, null, null, 0, 0, environment.device().toString(), null,
                environment.versions(), null, message);
    }

    private RunResult result(PlannedRun run, TransformerModel model, Progress progress, String status,
            Map<String, Double> metrics, Integer evaluatedStep, Integer divergedAt, String error) {
        EvaluationConfig evaluation = run.variant().config().evaluation();
        double trainSeconds = progress.trainNanos / 1e9;
        double[] steps = Arrays.copyOf(progress.stepMillis, progress.step);
        Arrays.sort(steps);
        Double median = steps.length == 0 ? null
                : steps.length % 2 == 1 ? steps[steps.length / 2] : (steps[steps.length / 2 - 1] + steps[steps.length / 2]) / 2;
        return new RunResult(run.variant().id(), run.variant().hash(), run.seed(), status, metrics,
                status.equals(RunResult.COMPLETED) ? evaluation.split().label() : null,
                status.equals(RunResult.COMPLETED) ? evaluation.checkpoint().name().toLowerCase(java.util.Locale.ROOT) : null,
                evaluatedStep, progress.step, model.parameterCount(),
                trainSeconds > 0 ? progress.trainedTokens / trainSeconds : null, median, trainSeconds,
                progress.wallNanos / 1e9, environment.device().toString(), progress.peakGpuMemory,
                environment.versions(), divergedAt, error);
    }

    private static Map<String, Object> metricsLine(int step, String split, Map<String, Double> metrics) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("step", step);
        line.put("split", split);
        line.putAll(metrics);
        return line;
    }

    private void saveCheckpoint(RunDirectory dir, TransformerModel model, Adam adam, List<Parameter> trainable,
            Progress progress) throws IOException {
        Files.createDirectories(dir.checkpointFolder());
        AtomicFiles.write(dir.modelFile(progress.step), out -> model.saveParameters(new DataOutputStream(out)));
        AtomicFiles.write(dir.optimizerFile(progress.step), out -> {
            DataOutputStream data = new DataOutputStream(out);
            adam.save(data, trainable);
            data.flush();
        });
        dir.commitCheckpoint(progress.state());
    }

    private static void loadModel(TransformerModel model, NDManager manager, Path file, List<Parameter> trainable)
            throws IOException {
        try (DataInputStream in = open(file)) {
            model.loadParameters(manager, in);
        } catch (ai.djl.MalformedModelException e) {
            throw new IOException(file + ": not a checkpoint of this model (" + e.getMessage() + ")", e);
        }
        // Loading replaces the arrays; the new ones must collect gradients again.
        for (Parameter p : trainable) {
            p.getArray().setRequiresGradient(true);
        }
    }

    private static DataInputStream open(Path file) throws IOException {
        InputStream in = Files.newInputStream(file);
        return new DataInputStream(new BufferedInputStream(in));
    }

    /** The global L2 norm of all gradients: one read-back per step. */
    private static double gradientNorm(List<Parameter> trainable, NDManager manager) {
        NDArray total = null;
        for (Parameter p : trainable) {
            NDArray squares = p.getArray().getGradient().square().sum();
            total = total == null ? squares : total.add(squares);
        }
        if (total == null) {
            return 0;
        }
        manager.tempAttachAll(total);
        return Math.sqrt(total.getFloat());
    }

    private static void measureGpuMemory(Device device, Progress progress) {
        if (!device.isGpu()) {
            return;   // not measured on CPU: the result says null
        }
        long used = CudaUtils.getGpuMemory(device).getUsed();
        progress.peakGpuMemory = progress.peakGpuMemory == null ? used : Math.max(progress.peakGpuMemory, used);
    }

    /** The most tokens a decoded output may have: what the decoder's positions cover, BOS excluded. */
    private int maxOutputTokens(Variant variant) {
        Integer positions = registry.capabilities(variant.config().model().positional()).maxLength();
        return positions == null ? Integer.MAX_VALUE : positions - 1;
    }

    static int stepSeed(int seed, int step) {
        return (int) ((seed * 1_000_003L + step) % Integer.MAX_VALUE);
    }

    static void requireSameConfig(RunDirectory dir, Variant variant) throws IOException {
        var config = dir.config();
        if (config.isPresent() && !config.get().path("variantHash").asText().equals(variant.hash())) {
            throw new UserException(dir.path() + " was trained with a different config (variant hash "
                    + config.get().path("variantHash").asText() + ", the spec now gives " + variant.hash()
                    + "); rename the variant, use --out DIR, or delete that folder to retrain it");
        }
    }
}
