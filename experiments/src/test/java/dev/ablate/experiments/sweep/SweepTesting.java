package dev.ablate.experiments.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ablate.core.registry.ComponentRegistry;
import dev.ablate.experiments.spec.ExperimentPlan;
import dev.ablate.experiments.spec.PlannedRun;
import dev.ablate.experiments.spec.SpecReader;
import dev.ablate.models.transformer.TransformerFactory;
import dev.ablate.store.RunResult;
import dev.ablate.store.RunStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/** Tiny specs, a runner, and a listener that records what a sweep reported. */
final class SweepTesting {

    static final ObjectMapper JSON = new ObjectMapper();

    private SweepTesting() {}

    /**
     * A copy task and a model small enough to train in a second or two on two CPU cores.
     * {@code training} is the body of base.training; {@code extra} is appended after base (e.g. a
     * {@code "variants"} array), with a leading comma.
     */
    static String spec(String name, String training, String extra) {
        return """
                {"name": "%s",
                 "task": {"type": "copy", "length": 5, "vocabSize": 6, "trainSize": 200, "validSize": 20, "testSize": 20},
                 "base": {
                   "model": {"family": "encoder-decoder", "layers": 1, "dModel": 16, "heads": 2, "dFF": 32, "dropout": 0.1},
                   "training": {%s},
                   "evaluation": {"lengthOffset": 2}
                 }%s,
                 "seeds": [3]}
                """.formatted(name, training, extra);
    }

    /** Training steps, batch 16, evaluation every 10, losses every 5, Adam with the paper's settings at a constant rate. */
    static String training(int steps, String more) {
        return "\"steps\": " + steps + ", \"batchSize\": 16, \"evalEvery\": 10, \"logEvery\": 5, "
                + "\"schedule\": {\"type\": \"constant\", \"lr\": 0.003}, \"clipNorm\": 1.0" + more;
    }

    /** Everything the sweep needs, built as the CLI builds it. */
    static final class Harness {
        final ComponentRegistry registry = ComponentRegistry.discover(SweepTesting.class.getClassLoader());
        final TransformerFactory factory = new TransformerFactory(registry);
        final SpecReader reader = new SpecReader(registry, factory);
        final ExperimentRunner runner = new ExperimentRunner(factory, registry, reader);

        ExperimentPlan plan(String specJson, Path folder) {
            return reader.read("spec.json", specJson, folder);
        }

        RunStore store(Path root) {
            return runner.store(root);
        }

        ExperimentRunner.Summary run(ExperimentPlan plan, RunStore store, ProgressListener listener) {
            return runner.run(plan, store, new RunEnvironment(ai.djl.Device.cpu(), "test"), listener);
        }
    }

    /** What a sweep reported. */
    static class Recorder implements ProgressListener {
        record Started(String run, int fromStep, int steps) {}

        record Skipped(String run, String reason) {}

        final List<Started> started = new CopyOnWriteArrayList<>();
        final List<Skipped> skipped = new CopyOnWriteArrayList<>();
        final List<RunResult> finished = new CopyOnWriteArrayList<>();
        final List<Integer> steps = new CopyOnWriteArrayList<>();
        final List<Float> losses = new CopyOnWriteArrayList<>();

        @Override
        public void runStarted(int index, int total, PlannedRun run, long parameters, int fromStep, int steps) {
            started.add(new Started(run.label(), fromStep, steps));
        }

        @Override
        public void step(int step, float loss, double tokensPerSecond) {
            steps.add(step);
            losses.add(loss);
        }

        @Override
        public void runFinished(PlannedRun run, RunResult result) {
            finished.add(result);
        }

        @Override
        public void runSkipped(int index, int total, PlannedRun run, String reason) {
            skipped.add(new Skipped(run.label(), reason));
        }
    }

    /** Every line of a run's metrics.jsonl. */
    static List<JsonNode> metrics(Path runFolder) {
        try {
            List<JsonNode> lines = new ArrayList<>();
            for (String line : Files.readAllLines(runFolder.resolve("metrics.jsonl"), StandardCharsets.UTF_8)) {
                if (!line.isBlank()) {
                    lines.add(JSON.readTree(line));
                }
            }
            return lines;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The lines of one split ("train", "valid", "test"), in file order. */
    static List<JsonNode> lines(List<JsonNode> metrics, String split) {
        return metrics.stream().filter(n -> n.path("split").asText().equals(split)).toList();
    }

    /** (step, loss) of every training line. */
    static List<Map.Entry<Integer, Double>> trainingLosses(Path runFolder) {
        return lines(metrics(runFolder), "train").stream()
                .map(n -> Map.entry(n.path("step").asInt(), n.path("loss").asDouble()))
                .toList();
    }

    /** "step split" of every line, for finding duplicates. */
    static List<String> stepKeys(Path runFolder) {
        return metrics(runFolder).stream().map(n -> n.path("step").asInt() + " " + n.path("split").asText()).toList();
    }

    /** The java binary running this test. */
    static String java() {
        return ProcessHandle.current().info().command().orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }

    /** A child JVM running {@code mainClass} with this test's class path. */
    static ProcessBuilder childJvm(Class<?> mainClass, String... args) {
        List<String> command = new ArrayList<>();
        command.add(java());
        command.add("-Dai.djl.offline=true");
        command.add("-Dorg.slf4j.simpleLogger.defaultLogLevel=warn");
        command.add("-Dorg.slf4j.simpleLogger.log.ai.djl.util.cuda.CudaUtils=error");
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(mainClass.getName());
        command.addAll(List.of(args));
        return new ProcessBuilder(command);
    }
}
