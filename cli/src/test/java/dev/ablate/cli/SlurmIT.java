package dev.ablate.cli;

import static dev.ablate.cli.Launcher.ablate;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ablate.cli.Launcher.Result;
import dev.ablate.reports.status.SweepStatus;
import dev.ablate.reports.status.SweepStatus.State;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * `ablate slurm submit` on a real Slurm: CI starts a single-node cluster with ci/slurm/start and
 * exports SLURM_CONF. Skipped where no Slurm answers, unless ABLATE_REQUIRE_SLURM=1 (CI), where that
 * is a failure. Every task asks for both cores, so tasks run one at a time and timings are not
 * distorted by each other.
 */
final class SlurmIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern JOB = Pattern.compile("submitted job array (\\d+)");

    @BeforeAll
    static void slurmAnswers() throws Exception {
        boolean answers;
        try {
            answers = run(List.of("sinfo", "-h", "-o", "%t")).strip().matches("(?s).*(idle|mix|alloc).*");
        } catch (IOException e) {
            answers = false;
        }
        if (!answers && "1".equals(System.getenv("ABLATE_REQUIRE_SLURM"))) {
            fail("ABLATE_REQUIRE_SLURM=1 but no Slurm answers (start one with ci/slurm/start, then source its env)");
        }
        Assumptions.assumeTrue(answers, "no Slurm here (ci/slurm/start starts one)");
    }

    /** A character-level language model on a small generated corpus: no download, seconds per run. */
    private static Path corpus(Path dir) throws IOException {
        String[] words = "the quick brown fox jumps over a lazy dog and the cat sat on its mat".split(" ");
        Random random = new Random(1);
        String text = IntStream.range(0, 400)
                .mapToObj(i -> IntStream.range(0, 12).mapToObj(j -> words[random.nextInt(words.length)])
                        .collect(Collectors.joining(" ")))
                .collect(Collectors.joining("\n", "", "\n"));
        return Files.writeString(dir.resolve("corpus.txt"), text);
    }

    private static Path spec(Path dir, String name, int dModel, int steps, String axes, String seeds) throws IOException {
        return Files.writeString(dir.resolve(name + ".json"), """
                {"name": "%s",
                 "task": {"type": "lm", "file": "corpus.txt", "tokenization": "char", "length": 32},
                 "base": {"model": {"family": "decoder", "layers": 2, "dModel": %d, "heads": 4, "dFF": %d, "dropout": 0.1},
                          "training": {"steps": %d, "batchSize": 32, "evalEvery": %d, "checkpointEvery": 100000}},
                 %s
                 "seeds": [%s]}
                """.formatted(name, dModel, 4 * dModel, steps, steps / 2, axes, seeds));
    }

    @Test
    void aSweepSubmittedAsAnArrayCompletesAndStatusShowsItsRunningRuns(@TempDir Path dir) throws Exception {
        corpus(dir);
        Path spec = spec(dir, "sweep", 32, 1500, "\"axes\": {\"model.heads\": [2, 4]},", "1, 2");
        Path runs = dir.resolve("runs");
        Result submit = submit(dir, spec, runs, "--cpus-per-task", "2");
        assertThat(submit.out()).contains("4 to submit", "submitted job array", "4 task(s)");
        String job = job(submit);
        Path script;
        try (var files = Files.list(runs.resolve("slurm"))) {
            script = files.filter(f -> f.toString().endsWith(".sbatch")).findFirst().orElseThrow();
        }
        assertThat(Files.readString(script)).contains("#SBATCH --array=0-3", "#SBATCH --cpus-per-task=2",
                "#SBATCH --signal=B:USR2@90", "--only \"$run\" --max-requeues 3");

        // While it runs, `ablate status --json` shows a running run with its step and host.
        JsonNode running = null;
        Instant until = Instant.now().plus(Duration.ofMinutes(3));
        while (running == null && Instant.now().isBefore(until)) {
            Result status = ablate("status", runs.toString(), "--json");
            for (JsonNode row : JSON.readTree(status.out()).get("runs")) {
                if (row.get("state").asText().equals("running") && row.has("step") && row.get("step").asInt() > 0) {
                    running = row;
                }
            }
        }
        assertThat(running).as("a running run in status --json").isNotNull();
        assertThat(running.get("host").asText()).isNotBlank();
        assertThat(running.get("job").asText()).startsWith(job + "_");
        assertThat(running.get("steps").asInt()).isEqualTo(1500);

        awaitSettled(runs, Duration.ofMinutes(6));
        SweepStatus done = SweepStatus.read(runs);
        assertThat(done.counts().get(State.COMPLETED)).as(done.toString()).isEqualTo(4);
        JsonNode results = JSON.readTree(runs.resolve("results.json").toFile());
        assertThat(results.get("runs")).hasSize(4);
        assertThat(Files.readString(runs.resolve("report.md"))).contains("| heads=2 (baseline) |", "| heads=4 |");
        for (int task = 0; task < 4; task++) {
            assertThat(runs.resolve("slurm/logs/" + job + "_" + task + ".out")).content().contains("completed perplexity");
        }

        Result again = submit(dir, spec, runs);
        assertThat(again.out()).contains("4 final", "0 to submit", "nothing to submit");
    }

    @Test
    void aTaskRequeuedMidRunResumesFromItsCheckpointToTheUninterruptedNumbers(@TempDir Path dir) throws Exception {
        corpus(dir);
        Path spec = spec(dir, "requeue", 64, 2500, "", "1");
        Path reference = train(spec, dir.resolve("reference"));

        Path runs = dir.resolve("runs");
        String job = job(submit(dir, spec, runs, "--cpus-per-task", "2"));
        await(Duration.ofMinutes(3), "the task past step 800", () -> step(runs) >= 800);
        run(List.of("scontrol", "requeue", job + "_0"));
        awaitSettled(runs, Duration.ofMinutes(5));

        String log = Files.readString(runs.resolve("slurm/logs/" + job + "_0.out"));
        log.lines().filter(l -> l.contains("stopped by") || l.contains("resuming at"))
                .forEach(l -> System.out.println("SlurmIT requeue: " + l));
        assertThat(log).contains("stopped by SIGTERM after step", "(job " + job + ", restart 1)");
        assertThat(log).containsPattern("resuming at step ([89]\\d\\d|1\\d\\d\\d)");
        assertSameMetrics(runs, reference);
    }

    @Test
    void aRunLongerThanItsTimeLimitCompletesAfterRequeuesWithTheUninterruptedNumbers(@TempDir Path dir)
            throws Exception {
        corpus(dir);
        // About three minutes of training here (60 steps a second on two cores), against a one-minute limit.
        Path spec = spec(dir, "time-limit", 64, 10000, "", "1");
        Path runs = dir.resolve("runs");
        Instant submitted = Instant.now();
        String job = job(submit(dir, spec, runs, "--cpus-per-task", "2", "--time", "1", "--signal-delay", "10",
                "--max-requeues", "30"));
        awaitSettled(runs, Duration.ofMinutes(12));
        Duration slurm = Duration.between(submitted, Instant.now());
        String log = Files.readString(runs.resolve("slurm/logs/" + job + "_0.out"));
        long requeues = log.lines().filter(l -> l.startsWith("ablate: requeueing")).count();
        assertThat(log).contains("stopped by SIGUSR2 after step", "requeueing Slurm job " + job + "_0 (requeue 2 of",
                "completed perplexity");

        Instant start = Instant.now();
        Path reference = train(spec, dir.resolve("reference"));
        Duration uninterrupted = Duration.between(start, Instant.now());
        assertSameMetrics(runs, reference);
        // For README's table: what this took here.
        System.out.printf("SlurmIT time limit: %d steps, --time 1: %d requeues, %d s from submit to result; "
                + "uninterrupted `ablate run`: %d s; metrics equal%n", 10000, requeues, slurm.toSeconds(),
                uninterrupted.toSeconds());
    }

    @Test
    void aFailedTaskIsShownWithItsMessageAndTheNextSubmitRunsOnlyIt(@TempDir Path dir) throws Exception {
        Path corpus = corpus(dir);
        String text = Files.readString(corpus);
        Path spec = spec(dir, "failing", 64, 600, "", "1, 2, 3");
        Path runs = dir.resolve("runs");
        String job = job(submit(dir, spec, runs, "--cpus-per-task", "2", "--max-parallel", "1"));
        // The data file goes while the second task trains (it read the file already): the third cannot start.
        await(Duration.ofMinutes(3), "the second run training", () -> SweepStatus.read(runs).runs().get(1).state()
                == State.RUNNING && step(runs) > 0);
        Files.delete(corpus);
        awaitSettled(runs, Duration.ofMinutes(4));

        Result status = ablate("status", runs.toString(), "--json");
        JsonNode rows = JSON.readTree(status.out()).get("runs");
        assertThat(rows.get(0).get("state").asText()).isEqualTo("completed");
        assertThat(rows.get(1).get("state").asText()).isEqualTo("completed");
        assertThat(rows.get(2).get("state").asText()).isEqualTo("failed");
        assertThat(rows.get(2).get("error").asText()).startsWith("cannot start: ").contains("corpus.txt");
        assertThat(ablate("status", runs.toString()).out()).contains("failed", "cannot start: ");
        assertThat(run(List.of("squeue", "-h", "-t", "all", "-j", job + "_2", "-O", "State"))).contains("FAILED");

        Files.writeString(corpus, text);
        Result again = submit(dir, spec, runs, "--cpus-per-task", "2");
        assertThat(again.out()).contains("2 final", "1 to submit", "1 task(s)");
        String second = job(again);
        awaitSettled(runs, Duration.ofMinutes(3));
        assertThat(SweepStatus.read(runs).counts().get(State.COMPLETED)).isEqualTo(3);
        assertThat(runs.resolve("slurm/logs/" + second + "_0.out")).content().contains("base/seed-3")
                .doesNotContain("base/seed-1");
    }

    // --- helpers

    private static Result submit(Path dir, Path spec, Path runs, String... options) throws Exception {
        List<String> args = new java.util.ArrayList<>(List.of("slurm", "submit", spec.toString(), "--out", runs.toString()));
        args.addAll(List.of(options));
        Result r = ablate(Map.of(), Duration.ofMinutes(2), args.toArray(String[]::new));
        assertThat(r.status()).as(r.out() + r.err()).isZero();
        return r;
    }

    private static String job(Result submit) {
        Matcher m = JOB.matcher(submit.out());
        assertThat(m.find()).as(submit.out()).isTrue();
        return m.group(1);
    }

    /** The reference: the same spec trained without interruption by `ablate run`, with the tasks' two threads. */
    private static Path train(Path spec, Path out) throws Exception {
        Result r = ablate(Map.of("ABLATE_JAVA_OPTS", "-Dai.djl.pytorch.num_threads=2"), Duration.ofMinutes(6), "run",
                spec.toString(), "--out", out.toString(), "--device", "cpu");
        assertThat(r.status()).as(r.err()).isZero();
        return out;
    }

    private static void assertSameMetrics(Path runs, Path reference) throws IOException {
        JsonNode resumed = JSON.readTree(runs.resolve("base/seed-1/result.json").toFile());
        JsonNode uninterrupted = JSON.readTree(reference.resolve("base/seed-1/result.json").toFile());
        assertThat(resumed.get("status").asText()).isEqualTo("completed");
        assertThat(resumed.get("metrics")).isEqualTo(uninterrupted.get("metrics"));
        assertThat(resumed.get("bestStep")).isEqualTo(uninterrupted.get("bestStep"));
    }

    /** The step of the first run that has one (running, interrupted or done), or 0. */
    private static int step(Path runs) throws IOException {
        if (!Files.exists(runs.resolve("experiment.json"))) {
            return 0;
        }
        return SweepStatus.read(runs).runs().stream().filter(r -> r.state() == State.RUNNING && r.step() != null)
                .mapToInt(SweepStatus.Row::step).max().orElse(0);
    }

    /** Waits until no run is pending, running or stale and Slurm has no task of this store left. */
    private static void awaitSettled(Path runs, Duration limit) throws Exception {
        await(limit, "every run of " + runs + " settled", () -> {
            SweepStatus s = SweepStatus.read(runs);
            Map<State, Integer> c = s.counts();
            return c.get(State.PENDING) + c.get(State.RUNNING) + c.get(State.STALE) + c.get(State.INTERRUPTED) == 0
                    && run(List.of("squeue", "-h", "-t", "pending,running,completing")).isBlank();
        });
    }

    @FunctionalInterface
    private interface Check {
        boolean holds() throws Exception;
    }

    private static void await(Duration limit, String what, Check check) throws Exception {
        Instant until = Instant.now().plus(limit);
        while (!check.holds()) {
            if (Instant.now().isAfter(until)) {
                fail("not within " + limit + ": " + what + "\nsqueue:\n" + run(List.of("squeue", "-t", "all")));
            }
            Thread.sleep(2000);
        }
    }

    /** A Slurm client command (SLURM_CONF from the environment); its output. */
    private static String run(List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + " failed: " + out);
        }
        return out;
    }
}
