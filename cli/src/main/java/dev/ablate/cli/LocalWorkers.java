package dev.ablate.cli;

import dev.ablate.bench.JvmCommand;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * {@code ablate run --workers N}: N child processes of {@code ablate run} on this machine, sharing the
 * run store. Each takes the next run nobody holds (the runs' locks decide), so no run is trained
 * twice and a worker that finishes early takes the next one. With GPUs every worker gets its own
 * device; on the CPU they split the cores, so that N workers do not fight over the same threads.
 */
final class LocalWorkers {

    /** One worker: its device and its PyTorch intra-op threads (0: PyTorch's default). */
    record Worker(int index, String device, int threads) {}

    private final List<Worker> workers;
    private final List<String> arguments;

    private LocalWorkers(List<Worker> workers, List<String> arguments) {
        this.workers = List.copyOf(workers);
        this.arguments = List.copyOf(arguments);
    }

    /**
     * @param count how many workers
     * @param device the --device given: {@code auto} spreads workers over the GPUs there are
     *     ({@code gpu:i mod gpus}) or puts them on the CPU; anything else puts every worker there
     * @param gpus the GPUs PyTorch sees
     * @param cores the processors this JVM sees, split between CPU workers
     * @param arguments the child's command line up to the device (`run SPEC --out DIR ...`)
     */
    static LocalWorkers plan(int count, String device, int gpus, int cores, List<String> arguments) {
        List<Worker> workers = new ArrayList<>();
        boolean spread = device.equalsIgnoreCase("auto") && gpus > 0;
        for (int i = 0; i < count; i++) {
            String d = spread ? "gpu:" + (i % gpus) : device;
            boolean cpu = d.equalsIgnoreCase("cpu") || (d.equalsIgnoreCase("auto") && gpus == 0);
            workers.add(new Worker(i + 1, d, cpu ? Math.max(1, cores / count) : 0));
        }
        return new LocalWorkers(workers, arguments);
    }

    List<Worker> workers() {
        return workers;
    }

    /** The child command line of {@code w}. */
    List<String> command(Worker w) {
        List<String> jvm = w.threads() > 0
                ? List.of("-Dai.djl.pytorch.num_threads=" + w.threads(), "-Dai.djl.pytorch.num_interop_threads=1")
                : List.of();
        List<String> args = new ArrayList<>(arguments);
        args.addAll(List.of("--device", w.device()));
        return JvmCommand.of(Main.class, jvm, args);
    }

    /**
     * Starts every worker, relays their output line by line prefixed with {@code [worker i]}, and
     * waits for all. If this process is stopped (SIGTERM, Ctrl-C), its workers get SIGTERM and stop
     * at a checkpoint. Returns the first non-zero exit status among them, 0 when all exit 0.
     */
    int run(PrintWriter out, PrintWriter err) throws IOException, InterruptedException {
        List<Process> processes = new ArrayList<>();
        List<Thread> relays = new ArrayList<>();
        Thread stopWorkers = new Thread(() -> stop(processes), "ablate-stop-workers");
        Runtime.getRuntime().addShutdownHook(stopWorkers);
        try {
            for (Worker w : workers) {
                Process p = new ProcessBuilder(command(w)).redirectErrorStream(true).start();
                processes.add(p);
                out.printf(Locale.ROOT, "[worker %d] pid %d on %s%s%n", w.index(), p.pid(), w.device(),
                        w.threads() > 0 ? " with " + w.threads() + " thread(s)" : "");
                out.flush();
                relays.add(relay(p, "[worker " + w.index() + "] ", out));
            }
            int status = 0;
            for (int i = 0; i < processes.size(); i++) {
                int exit = processes.get(i).waitFor();
                relays.get(i).join();
                if (exit != 0) {
                    err.printf("ablate: worker %d exited with status %d%n", workers.get(i).index(), exit);
                    status = status == 0 ? exit : status;
                }
            }
            err.flush();
            return status;
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(stopWorkers);
            } catch (IllegalStateException e) {
                // shutting down: the hook is running
            }
        }
    }

    /** SIGTERM to every worker, then waits while they write their checkpoints (and their last lines come through). */
    private static void stop(List<Process> processes) {
        processes.forEach(Process::destroy);
        for (Process p : List.copyOf(processes)) {
            try {
                p.waitFor(2, TimeUnit.MINUTES);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static Thread relay(Process p, String prefix, PrintWriter out) {
        Thread t = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    synchronized (out) {
                        out.println(prefix + line);
                        out.flush();
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, "ablate-relay-" + p.pid());
        t.start();
        return t;
    }
}
