package dev.ablate.tasks.corpus;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/** {@link ModuleDump} by the SWORD tool {@code mod2imp} (Debian: libsword-utils). */
public final class Mod2Imp implements ModuleDump {

    public static final String PROGRAM = "mod2imp";

    private final Path program;
    private final SearchPath path;

    private Mod2Imp(Path program, SearchPath path) {
        this.program = program;
        this.path = path;
    }

    /** {@code mod2imp} as found on {@code path}; empty when it is not there. */
    public static Optional<Mod2Imp> find(SearchPath path) {
        return path.find(PROGRAM).map(p -> new Mod2Imp(p, path));
    }

    public Path program() {
        return program;
    }

    /**
     * Runs {@code mod2imp MODULE}: raw native markup (OSIS for these modules), UTF-8. An unknown
     * module makes it say "Couldn't find module" and exit with a failure; that is an empty result.
     */
    @Override
    public Optional<String> dump(String moduleId) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(List.of(program.toString(), moduleId));
        builder.environment().put("PATH", path.variable());
        Process process = builder.start();
        process.getOutputStream().close();
        // Read stderr beside stdout, so that neither pipe fills up and blocks the program.
        CompletableFuture<byte[]> errors = CompletableFuture.supplyAsync(() -> readAll(process.getErrorStream()));
        String out = new String(readAll(process.getInputStream()), StandardCharsets.UTF_8);
        String err = new String(errors.join(), StandardCharsets.UTF_8);
        int status;
        try {
            status = process.waitFor();
        } catch (InterruptedException e) {
            process.destroy();
            Thread.currentThread().interrupt();
            throw new IOException(PROGRAM + " " + moduleId + " was interrupted", e);
        }
        if (status == 0 && out.contains("$$$")) {
            return Optional.of(out);
        }
        if ((out + err).contains("Couldn't find module") || (status == 0 && out.isBlank())) {
            return Optional.empty();
        }
        throw new IOException(PROGRAM + " " + moduleId + " failed with exit status " + status + ": "
                + (err.isBlank() ? out : err).strip());
    }

    private static byte[] readAll(InputStream in) {
        try (in) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            in.transferTo(bytes);
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
