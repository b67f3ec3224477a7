package dev.ablate.experiments.sweep;

import java.lang.reflect.Proxy;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * SIGTERM and Ctrl-C (SIGINT) while a run trains: the run finishes its current step, writes a
 * checkpoint and stops ({@link Stopped}), so the next sweep resumes it with the numbers of an
 * uninterrupted run, and no JVM is torn down mid-write. Outside the training loop (reading data,
 * evaluating) the signal ends the process at once, as by default.
 *
 * <p>SIGUSR2 is Slurm's warning before a time limit ({@code --signal=B:USR2@SECONDS}, as submitit
 * asks for it; USR1 collides with NCCL): it never ends the process by itself. During training it
 * stops the run like SIGTERM; before training (start-up, reading data) it stops the run after its
 * first step; after the last step it lets the run finish its evaluation, which is shorter than any
 * requeue.
 */
public final class StopRequest {

    private static final AtomicReference<String> PENDING = new AtomicReference<>();
    private static final AtomicBoolean TRAINING = new AtomicBoolean();
    private static final AtomicBoolean INSTALLED = new AtomicBoolean();

    private StopRequest() {}

    /** Handles SIGTERM and SIGINT from now on (the command line does this; a library caller may). */
    public static void installHandlers() {
        if (!INSTALLED.compareAndSet(false, true)) {
            return;
        }
        for (String name : List.of("TERM", "INT")) {
            handle(name, () -> {
                String label = "SIG" + name;
                if (TRAINING.get()) {
                    PENDING.compareAndSet(null, label);
                } else {
                    System.exit(exitStatus(label));
                }
            });
        }
        handle("USR2", () -> PENDING.compareAndSet(null, "SIGUSR2"));
    }

    /**
     * {@code sun.misc.Signal.handle(new Signal(name), handler)}, called reflectively: javac warns on
     * every compile-time use of the JDK's internal API (and the build treats warnings as errors), while
     * the API itself is exported by jdk.unsupported for exactly this.
     */
    private static void handle(String name, Runnable action) {
        try {
            Class<?> signalType = Class.forName("sun.misc.Signal");
            Class<?> handlerType = Class.forName("sun.misc.SignalHandler");
            Object handler = Proxy.newProxyInstance(StopRequest.class.getClassLoader(), new Class<?>[] {handlerType},
                    (proxy, method, args) -> {
                        if (method.getName().equals("handle")) {
                            action.run();
                            return null;
                        }
                        return switch (method.getName()) {
                            case "hashCode" -> System.identityHashCode(proxy);
                            case "equals" -> proxy == args[0];
                            default -> "StopRequest handler for SIG" + name;
                        };
                    });
            Object signal = signalType.getConstructor(String.class).newInstance(name);
            signalType.getMethod("handle", signalType, handlerType).invoke(null, signal, handler);
        } catch (ReflectiveOperationException | RuntimeException e) {
            // No signal API here: signals keep their default effect (the process ends; the run resumes
            // from its last scheduled checkpoint).
        }
    }

    /** The shell's convention: 128 + the signal's number. */
    public static int exitStatus(String signal) {
        return switch (signal) {
            case "SIGINT" -> 130;
            case "SIGUSR2" -> 128 + 12;
            default -> 143;
        };
    }

    /** The signal waiting to stop training, or null. */
    static String pending() {
        return PENDING.get();
    }

    /** Whether a training loop is running, where a signal waits for the step to end. */
    static void training(boolean active) {
        TRAINING.set(active);
    }

    /** Training stopped at a step boundary on a signal, with a checkpoint at that step. */
    public static final class Stopped extends RuntimeException {

        private final String signal;

        Stopped(String signal, String run, int step) {
            super(run + " stopped by " + signal + " after step " + step + ", checkpoint saved; running the spec again "
                    + "resumes it");
            this.signal = signal;
        }

        public String signal() {
            return signal;
        }
    }
}
