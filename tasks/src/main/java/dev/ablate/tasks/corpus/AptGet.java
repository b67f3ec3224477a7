package dev.ablate.tasks.corpus;

import dev.ablate.core.error.UserException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Installs Debian packages with {@code apt-get}, for {@code --install}. */
public final class AptGet {

    public static final String PROGRAM = "apt-get";

    private AptGet() {}

    /** {@code apt-get install -y PACKAGE...}: the line we run, and the line we tell users to run. */
    public static String commandLine(List<String> packages) {
        return PROGRAM + " install -y " + String.join(" ", packages);
    }

    /** Whether this process runs as root, as apt-get needs. */
    public static boolean runningAsRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    /**
     * Runs {@code apt-get install -y PACKAGE...} (non-interactive) from {@code path}, copying its
     * output to {@code out} line by line as it comes. A fresh machine may have no package lists yet,
     * so when the install fails, {@code apt-get update} runs and the install is tried once more.
     * Refuses unless {@code root}, since apt-get would fail anyway, later and less clearly.
     */
    public static void install(List<String> packages, SearchPath path, boolean root, PrintWriter out)
            throws IOException {
        if (!root) {
            throw new UserException("--install runs apt-get, which needs root: run this command with sudo, or "
                    + "install the packages yourself:" + System.lineSeparator() + "  sudo " + commandLine(packages));
        }
        Path program = path.find(PROGRAM).orElseThrow(() -> new UserException("--install: " + PROGRAM
                + " is not on PATH; install these Debian packages by hand: " + String.join(" ", packages)));
        List<String> arguments = new ArrayList<>(List.of("install", "-y"));
        arguments.addAll(packages);
        int status = run(program, arguments, path, out);
        if (status != 0 && run(program, List.of("update"), path, out) == 0) {
            status = run(program, arguments, path, out);
        }
        if (status != 0) {
            throw new UserException(commandLine(packages) + " failed with exit status " + status
                    + " (its output is above)");
        }
    }

    /** Runs apt-get with {@code arguments}, its output copied to {@code out}; its exit status. */
    private static int run(Path program, List<String> arguments, SearchPath path, PrintWriter out) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(program.toString());
        command.addAll(arguments);
        out.println("ablate: " + PROGRAM + " " + String.join(" ", arguments));
        out.flush();
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("PATH", path.variable());
        builder.environment().put("DEBIAN_FRONTEND", "noninteractive");
        Process process = builder.start();
        process.getOutputStream().close();
        try (BufferedReader lines = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                out.println(line);
                out.flush();
            }
        }
        try {
            return process.waitFor();
        } catch (InterruptedException e) {
            process.destroy();
            Thread.currentThread().interrupt();
            throw new IOException(PROGRAM + " was interrupted", e);
        }
    }
}
