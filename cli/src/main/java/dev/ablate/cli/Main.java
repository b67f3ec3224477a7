package dev.ablate.cli;

import dev.ablate.core.error.UserException;
import java.io.PrintWriter;
import java.util.Map;
import picocli.CommandLine;

/**
 * Entry point. Exit status: 0 on success, 2 when the user can fix the problem (a bad option, an
 * unknown plugin id, an invalid config; one message, no stack trace), 1 for anything else (a bug:
 * the stack trace is printed for the report).
 */
public final class Main {

    private Main() {}

    public static void main(String[] args) {
        System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs one command line, writing to {@code out} and {@code err}; returns the exit status. */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        return run(args, out, err, System.getenv());
    }

    /** {@link #run(String[], PrintWriter, PrintWriter)} with the given environment (for $ABLATE_PLUGINS). */
    static int run(String[] args, PrintWriter out, PrintWriter err, Map<String, String> environment) {
        defaultProperty("ai.djl.offline", "true");
        defaultProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        // DJL probes CUDA at start-up and warns on every machine without a usable driver.
        defaultProperty("org.slf4j.simpleLogger.log.ai.djl.util.cuda.CudaUtils", "error");
        AblateCommand ablate = new AblateCommand();
        ablate.environment = environment;
        CommandLine commandLine = new CommandLine(ablate);
        commandLine.setOut(out);
        commandLine.setErr(err);
        commandLine.setExecutionExceptionHandler((e, command, parsed) -> {
            UserException user = userCause(e);
            if (user != null) {
                command.getErr().println("ablate: " + user.getMessage());
                return 2;
            }
            command.getErr().println("ablate: unexpected error; this is a bug, please report it with this trace:");
            e.printStackTrace(command.getErr());
            return 1;
        });
        return commandLine.execute(args);
    }

    /** The user error behind {@code e}, also when Guice wrapped it; {@code null} when it is a bug. */
    private static UserException userCause(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof UserException user) {
                return user;
            }
        }
        return null;
    }

    private static void defaultProperty(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }
}
