package dev.ablate.experiments.sweep;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import dev.ablate.core.error.UserException;
import dev.ablate.core.registry.ComponentRegistry;
import dev.ablate.experiments.evaluation.CheckpointChoice;
import dev.ablate.experiments.evaluation.EvaluationConfig;
import dev.ablate.experiments.evaluation.Evaluator;
import dev.ablate.experiments.spec.ExperimentPlan;
import dev.ablate.experiments.spec.PlannedRun;
import dev.ablate.experiments.spec.Variant;
import dev.ablate.experiments.tensorboard.EventFile;
import dev.ablate.experiments.training.Batches;
import dev.ablate.experiments.training.Trainer;
import dev.ablate.experiments.training.TrainingConfig;
import dev.ablate.models.transformer.TransformerFactory;
import dev.ablate.models.transformer.TransformerModel;
import dev.ablate.store.CheckpointState;
import dev.ablate.store.MetricsLine;
import dev.ablate.store.RunFolder;
import dev.ablate.store.RunResult;
import dev.ablate.tasks.Split;
import dev.ablate.tasks.Task;
import dev.ablate.tasks.Vocabulary;
import dev.ablate.tasks.metrics.Metric;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Trains and evaluates one run, resumably: builds its model once, resumes from the run's last
 * checkpoint if it has one, runs the {@link Trainer}'s steps with logging, validation (keeping the
 * best weights) and checkpoints on their schedules, then evaluates the chosen weights and builds the
 * result. The initial weights come from the seed and every step from (seed, step), so a resumed
 * run ends with the same numbers as one never interrupted.
 */
final class RunExecutor {

    private final ExperimentPlan plan;
    private final TransformerFactory factory;
    private final ComponentRegistry registry;
    private final RunEnvironment environment;
    private final ProgressListener listener;
    /** The event file of the run being trained (one at a time), or null between runs. */
    private EventFile events;

    RunExecutor(ExperimentPlan plan, TransformerFactory factory, ComponentRegistry registry, RunEnvironment environment,
            ProgressListener listener) {
        this.plan = plan;
        this.factory = factory;
        this.registry = registry;
        this.environment = environment;
        this.listener = listener;
    }

    /** One run in a fresh engine scope: what the sweep calls. */
    RunResult execute(int index, int total, PlannedRun run, RunFolder folder, HeartbeatWriter heartbeat)
            throws IOException {
        long sessionStart = System.nanoTime();
        try (NDManager manager = NDManager.newBaseManager(environment.device())) {
            return train(index, total, run, folder, heartbeat, manager, sessionStart);
        } finally {
            if (events != null) {
                events.close();
                events = null;
            }
        }
    }

    /** Builds the model, resumes it from its checkpoint, trains it to its steps and evaluates it. */
    private RunResult train(int index, int total, PlannedRun run, RunFolder folder, HeartbeatWriter heartbeat,
            NDManager manager, long sessionStart) throws IOException {
        Variant variant = run.variant();
        TrainingConfig training = variant.config().training();
        Task task = plan.task();
        Engine.getInstance().setRandomSeed(run.seed());
        TransformerModel model = factory.build(variant.config().model(), task.shape());
        model.initialize(manager);
        Trainer trainer = new Trainer(model, training, new Batches(task.kind(), task.examples(Split.TRAIN)), manager,
                run.seed());
        RunProgress progress = resume(folder, trainer, training.steps(), sessionStart);
        events = EventFile.open(folder.path(), progress.step());
        listener.runStarted(index, total, run, model.parameterCount(), progress.step(), training.steps());
        heartbeat.started(progress.step(), training.steps());

        Metric metric = task.kind().metric(variant.config().evaluation().metric()).orElseThrow();
        Evaluator evaluator = evaluator(model, trainer, variant);
        StopRequest.training(true);
        try {
            while (progress.step() < training.steps()) {
                int step = progress.step() + 1;
                long start = System.nanoTime();
                Trainer.Step done = trainer.step(step);
                progress.stepDone(step, System.nanoTime() - start, done.tokens());
                listener.step(step, done.loss(), progress.tokensPerSecond());
                heartbeat.stepDone(step);

                boolean last = step == training.steps();
                if (last || step % training.logEvery() == 0) {
                    progress.measureGpuMemory(environment.device());
                    log(folder, trainingLine(step, done, progress));
                }
                if (last || step % training.evalEvery() == 0) {
                    validate(step, manager, evaluator, metric, folder, trainer, progress);
                }
                String signal = StopRequest.pending();
                if (last || step % training.checkpointEvery() == 0 || signal != null) {
                    progress.clockWall();
                    folder.saveCheckpoint(progress.state(), trainer::writeWeights, trainer::writeOptimizer);
                }
                if (signal != null && !last) {
                    throw new StopRequest.Stopped(signal, run.label(), step);
                }
            }
        } catch (Trainer.Diverged d) {
            progress.clockWall();
            return RunResult.diverged(identity(run), d.step(), progress.training(model.parameterCount()),
                    environment.recorded());
        } finally {
            StopRequest.training(false);
        }
        return evaluate(run, manager, model, trainer, evaluator, folder, progress);
    }

    /** One metrics line: appended to metrics.jsonl, and as scalars to the session's TensorBoard event file. */
    private void log(RunFolder folder, MetricsLine line) throws IOException {
        folder.appendMetrics(line);
        events.write(line);
    }

    /** A result for a run that threw: it is retried when the spec is run again. */
    RunResult failed(PlannedRun run, Throwable error) {
        return RunResult.failed(identity(run), error.getClass().getSimpleName() + ": " + error.getMessage(),
                environment.recorded());
    }

    /** Where the run starts: its last checkpoint (weights, optimizer state, progress), or step 0. */
    private RunProgress resume(RunFolder folder, Trainer trainer, int steps, long sessionStart) throws IOException {
        Optional<CheckpointState> saved = folder.checkpointState();
        keepVocabularies(folder, saved.isPresent());
        if (saved.isEmpty()) {
            folder.truncateMetrics(0);
            return RunProgress.start(steps, sessionStart);
        }
        folder.loadCheckpoint(saved.get(), trainer::readWeights, trainer::readOptimizer);
        folder.truncateMetrics(saved.get().step());
        return RunProgress.resume(saved.get(), steps, sessionStart);
    }

    /**
     * The run folder keeps the vocabularies the run trains with (for bpe, the learned merges too), so a
     * checkpoint's embedding rows can always be read as tokens. A resumed run must find that the data
     * still gives the same vocabularies: a changed data file under an unchanged spec would otherwise
     * resume with every token id meaning something else.
     */
    private void keepVocabularies(RunFolder folder, boolean resuming) {
        Task task = plan.task();
        Map<Path, Vocabulary> files = new LinkedHashMap<>();
        if (task.sourceVocabulary().equals(task.targetVocabulary())) {
            files.put(folder.vocabularyFile(""), task.sourceVocabulary());
        } else {
            files.put(folder.vocabularyFile("source-"), task.sourceVocabulary());
            files.put(folder.vocabularyFile("target-"), task.targetVocabulary());
        }
        files.forEach((file, vocabulary) -> {
            if (resuming && Files.exists(file)) {
                if (!Vocabulary.load(file).equals(vocabulary)) {
                    throw new UserException(file + ": the task's data now gives a different vocabulary from the one "
                            + "this run was trained with, so its checkpoint cannot be resumed; restore the data files, or "
                            + "delete " + folder.path() + " to train the run afresh");
                }
            } else {
                vocabulary.save(file);
            }
        });
    }

    private static MetricsLine trainingLine(int step, Trainer.Step done, RunProgress progress) {
        Map<String, Double> values = new LinkedHashMap<>();
        values.put("loss", (double) done.loss());
        values.put("lr", (double) done.learningRate());
        if (!Double.isNaN(done.gradientNorm())) {
            values.put("gradNorm", done.gradientNorm());
        }
        values.put("tokensPerSecond", progress.tokensPerSecond());
        return MetricsLine.of(step, MetricsLine.TRAIN, values);
    }

    /** The validation pass at {@code step}; weights that beat the best so far are kept as the best checkpoint. */
    private void validate(int step, NDManager manager, Evaluator evaluator, Metric metric, RunFolder folder,
            Trainer trainer, RunProgress progress) throws IOException {
        Map<String, Double> valid = evaluator.evaluate(manager, Split.VALID, metric.decoded()).metrics();
        listener.validated(step, valid);
        log(folder, MetricsLine.of(step, MetricsLine.VALID, valid));
        if (progress.improve(step, valid.get(metric.name()), metric.descriptor())) {
            folder.saveBest(trainer::writeWeights);
        }
    }

    /** The final evaluation of the weights the spec chose (the best or the last), and the run's result. */
    private RunResult evaluate(PlannedRun run, NDManager manager, TransformerModel model, Trainer trainer,
            Evaluator evaluator, RunFolder folder, RunProgress progress) throws IOException {
        EvaluationConfig evaluation = run.variant().config().evaluation();
        int evaluatedStep = progress.step();
        if (evaluation.checkpoint() == CheckpointChoice.BEST && progress.bestStep() > 0) {
            folder.loadBest(trainer::readWeights);
            evaluatedStep = progress.bestStep();
            evaluator = evaluator(model, trainer, run.variant());
        }
        String split = evaluation.split().label();
        Evaluator.Evaluation result = evaluator.evaluate(manager, evaluation.split(), true);
        if (!result.hypotheses().isEmpty()) {
            folder.writeOutputs(split, result.hypotheses(), result.references());
        }
        log(folder, MetricsLine.finalEvaluation(progress.step(), split, result.metrics(), evaluatedStep));
        progress.clockWall();
        return RunResult.completed(identity(run),
                new RunResult.Evaluation(result.metrics(), split, evaluation.checkpoint().label(), evaluatedStep),
                progress.training(model.parameterCount()), environment.recorded());
    }

    /** An evaluator reading the model through the trainer's current parameter store. */
    private Evaluator evaluator(TransformerModel model, Trainer trainer, Variant variant) {
        // The most tokens a decoded output may have: what the decoder's positions cover, BOS excluded.
        Integer positions = registry.capabilities(variant.config().model().positional()).maxLength();
        int maxOutputTokens = positions == null ? Integer.MAX_VALUE : positions - 1;
        return new Evaluator(plan.task(), model, trainer.parameters(), variant.config().training().evalBatchSize(),
                variant.config().evaluation(), maxOutputTokens);
    }

    private static RunResult.Identity identity(PlannedRun run) {
        return new RunResult.Identity(run.variant().id(), run.variant().hash(), run.seed());
    }
}
