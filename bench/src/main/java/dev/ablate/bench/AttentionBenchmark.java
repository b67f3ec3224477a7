package dev.ablate.bench;

import ai.djl.engine.Engine;
import com.fasterxml.jackson.databind.JsonNode;
import dev.ablate.core.device.Devices;
import dev.ablate.reports.bench.BenchPoint;
import dev.ablate.reports.bench.BenchResult;
import dev.ablate.reports.bench.BenchSettings;
import dev.ablate.reports.report.BenchReport;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The attention scaling benchmark: every point of a {@link BenchPlan} measured in a fresh child
 * process ({@link PointProcess}), then bench.json with the log-log fits and its pages, bench.html and
 * bench.md, written into the output folder. A point that runs out of memory or time is recorded as
 * such and the benchmark goes on.
 */
public final class AttentionBenchmark {

    /** What the benchmark says while it works. */
    public interface Listener {

        /** Point {@code index} (1-based) of {@code total} took {@code seconds}, child start-up included. */
        void measured(int index, int total, BenchPoint point, double seconds);
    }

    /**
     * What it wrote.
     *
     * @param failed whether a point failed otherwise than by running out of memory or time
     */
    public record Outcome(BenchResult result, Path file, BenchReport.Written pages, boolean failed) {}

    private final PointProcess children;
    private final String ablateVersion;

    /**
     * @param children how a point is run in a fresh process
     * @param ablateVersion this build's version, recorded with the results
     */
    public AttentionBenchmark(PointProcess children, String ablateVersion) {
        this.children = children;
        this.ablateVersion = ablateVersion;
    }

    /** Measures every point of {@code plan} and writes the results into {@code out}. */
    public Outcome run(BenchPlan plan, Path out, Listener listener) throws IOException, InterruptedException {
        List<BenchPoint> points = new ArrayList<>();
        boolean failed = false;
        for (BenchVariant v : plan.variants()) {
            for (int n : plan.lengths()) {
                long start = System.nanoTime();
                PointResult r = children.run(new PointSpec(v.json(), n, plan.dModel(), plan.heads(), plan.batch(),
                        plan.device(), plan.warmup(), plan.repeats()));
                failed |= r.outcome() == PointResult.Outcome.FAILED;
                BenchPoint p = r.ok()
                        ? BenchPoint.measured(v.name(), n, r.timeMs(), r.memoryBytes(), r.repeatsMs())
                        : BenchPoint.failed(v.name(), n, r.error());
                points.add(p);
                listener.measured(points.size(), plan.points(), p, (System.nanoTime() - start) / 1e9);
            }
        }
        BenchResult result = BenchResult.of(points, settings(plan));
        Path file = out.resolve(BenchResult.FILE);
        result.write(file);
        return new Outcome(result, file, BenchReport.write(out, result, ablateVersion), failed);
    }

    private BenchSettings settings(BenchPlan plan) {
        Map<String, JsonNode> configs = new LinkedHashMap<>();
        plan.variants().forEach(v -> configs.put(v.name(), v.json()));
        return new BenchSettings(plan.dModel(), plan.heads(), plan.batch(), plan.device(), plan.warmup(), plan.repeats(),
                (int) plan.timeout().toSeconds(), plan.fitMin(), plan.lengths(), configs,
                AttentionBench.memoryMethod(Devices.select(plan.device())), versions());
    }

    private Map<String, String> versions() {
        Engine engine = Engine.getInstance();
        Map<String, String> versions = new LinkedHashMap<>();
        versions.put("ablate", ablateVersion);
        versions.put("djl", Engine.getDjlVersion());
        versions.put("engine", engine.getEngineName() + " " + engine.getVersion());
        versions.put("java", System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")");
        versions.put("processors", String.valueOf(Runtime.getRuntime().availableProcessors()));
        return versions;
    }
}
