package dev.ablate.bench;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ablate.core.registry.ComponentRegistry;
import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs each point in a fresh child process, so that its memory is its own and an allocation that
 * brings the process down costs one point, not the benchmark.
 *
 * <p>Protocol: the child command gets the {@link PointSpec} as JSON as its last argument, runs
 * {@link #runChild} and prints the {@link PointResult} as one JSON line on stdout. The parent maps
 * what can go wrong to a result instead of failing: no line within the timeout (the child and its
 * descendants are killed) is {@code TIMED_OUT}; a child killed by SIGKILL (the kernel's OOM killer)
 * is {@code OUT_OF_MEMORY}; any other exit without a line is {@code FAILED}, with the end of the
 * child's stderr.
 */
public final class PointProcess {

    /**
     * JVM options for the child: a fixed, pre-touched heap, so that the Java heap growing during the
     * point does not count as the point's memory (tensors live outside the heap).
     */
    public static final List<String> CHILD_JVM_OPTIONS = List.of("-Xms256m", "-Xmx256m", "-XX:+AlwaysPreTouch");

    private static final File NO_INPUT = new File("/dev/null");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<String> command;
    private final Duration timeout;

    /**
     * @param command the child command, without the spec argument (see {@link JvmCommand})
     * @param timeout the limit on one point, start-up included
     */
    public PointProcess(List<String> command, Duration timeout) {
        this.command = List.copyOf(command);
        this.timeout = timeout;
    }

    /** The child side: measures the point in this (fresh) process and prints the result line. */
    public static void runChild(ComponentRegistry registry, String specJson, PrintWriter out) {
        PointResult result = AttentionBench.measureFresh(registry, PointSpec.fromJson(specJson));
        out.println(result.toJson());
        out.flush();
    }

    /** Runs {@code spec} in a new child process and waits for its result, at most the timeout. */
    public PointResult run(PointSpec spec) throws IOException, InterruptedException {
        List<String> full = new ArrayList<>(command);
        full.add(spec.toJson());
        Path out = Files.createTempFile("ablate-bench-", ".out");
        Path err = Files.createTempFile("ablate-bench-", ".err");
        Process child = null;
        Thread reaper = null;
        try {
            ProcessBuilder builder = new ProcessBuilder(full).redirectOutput(out.toFile()).redirectError(err.toFile());
            if (NO_INPUT.exists()) {
                builder.redirectInput(NO_INPUT);
            }
            child = builder.start();
            Process started = child;
            reaper = new Thread(() -> kill(started), "ablate-bench-child-reaper");
            Runtime.getRuntime().addShutdownHook(reaper);
            if (!child.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                kill(child);
                return PointResult.error(PointResult.Outcome.TIMED_OUT, "timed out after " + seconds(timeout));
            }
            int status = child.exitValue();
            PointResult reported = result(Files.readString(out, StandardCharsets.UTF_8));
            if (reported != null && (status == 0 || !reported.ok())) {
                return reported;
            }
            if (status == 128 + 9) {
                return PointResult.error(PointResult.Outcome.OUT_OF_MEMORY,
                        "out of memory: the process was killed (SIGKILL), most likely by the kernel's OOM killer");
            }
            String cause = status > 128 ? "was killed by signal " + (status - 128) : "exited with status " + status;
            return PointResult.error(PointResult.Outcome.FAILED,
                    "failed: the child process " + cause + tail(Files.readString(err, StandardCharsets.UTF_8)));
        } finally {
            if (child != null && child.isAlive()) {
                kill(child);
            }
            if (reaper != null) {
                try {
                    Runtime.getRuntime().removeShutdownHook(reaper);
                } catch (IllegalStateException e) {
                    // shutting down: the hook runs
                }
            }
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    private static void kill(Process p) {
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
        try {
            p.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The result in the last line of {@code stdout} that reads as one; {@code null} when none does. */
    static PointResult result(String stdout) {
        List<String> lines = stdout.lines().map(String::strip).toList();
        for (int i = lines.size() - 1; i >= 0; i--) {
            String l = lines.get(i);
            if (l.startsWith("{") && l.endsWith("}")) {
                try {
                    PointResult r = PointResult.fromJson(l);
                    if (r.outcome() != null) {
                        return r;
                    }
                } catch (IllegalArgumentException e) {
                    // another program's JSON: keep looking
                }
            }
        }
        return null;
    }

    /** What stderr says went wrong: the first exception's line if there is one, else its last lines. */
    static String tail(String stderr) {
        List<String> lines = stderr.strip().lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
        if (lines.isEmpty()) {
            return "";
        }
        String shown = lines.stream()
                .filter(l -> !l.startsWith("at ") && l.matches(".*(Exception|Error)\\b.*"))
                .findFirst()
                .orElse(String.join(" | ", lines.subList(Math.max(0, lines.size() - 3), lines.size())));
        return ": " + (shown.length() > 600 ? shown.substring(0, 600) + "..." : shown);
    }

    /** A point or its result as the one line of JSON that crosses to or from the child. */
    static String toJson(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    static <T> T fromJson(String json, Class<T> type, String what) {
        try {
            return JSON.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a " + what + ": " + e.getOriginalMessage(), e);
        }
    }

    private static String seconds(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : (d.toMillis() / 1000.0) + " s";
    }
}
