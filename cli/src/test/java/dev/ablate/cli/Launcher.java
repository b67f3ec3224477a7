package dev.ablate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** The built distribution's bin/ablate, started as a user starts it, for the integration tests. */
final class Launcher {

    static final Path DIST = Path.of(System.getProperty("ablate.dist"));

    record Result(int status, String out, String err) {}

    private Launcher() {}

    static Result ablate(String... args) throws IOException, InterruptedException {
        return ablate(Map.of(), Duration.ofSeconds(120), args);
    }

    static Result ablate(Map<String, String> environment, String... args) throws IOException, InterruptedException {
        return ablate(environment, Duration.ofSeconds(120), args);
    }

    /** Runs {@code bin/ablate args} with {@code environment} added to this one's (less Ablate's own variables). */
    static Result ablate(Map<String, String> environment, Duration timeout, String... args)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("bash", DIST.resolve("bin/ablate").toString()));
        command.addAll(List.of(args));
        Path out = Files.createTempFile("ablate-out", ".txt");
        Path err = Files.createTempFile("ablate-err", ".txt");
        ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
        builder.environment().remove("ABLATE_PLUGINS");
        builder.environment().remove("ABLATE_CHECKOUT");
        builder.environment().putAll(environment);
        Process p = builder.start();
        assertThat(p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)).as("ablate " + String.join(" ", args)
                + " finished within " + timeout).isTrue();
        Result r = new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
        Files.delete(out);
        Files.delete(err);
        return r;
    }
}
