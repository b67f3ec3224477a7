package dev.ablate.store;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.ablate.core.error.UserException;
import dev.ablate.core.io.AtomicFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * How the store's files are read and written. Reading ignores fields it does not know, so a store
 * written by a newer Ablate still reads; writing is atomic.
 */
final class StoreJson {

    static final ObjectMapper MAPPER = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private StoreJson() {}

    /** Writes {@code value} as indented JSON, atomically. */
    static void write(Path file, Object value) throws IOException {
        AtomicFiles.writeString(file, MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(value));
    }

    /** One line of JSON, no line breaks inside. */
    static String line(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads {@code file} as a {@code type}; a file that is not one is the user's to fix, with {@code fix} saying how. */
    static <T> T read(Path file, Class<T> type, String what, String fix) {
        try {
            return MAPPER.readValue(file.toFile(), type);
        } catch (IOException e) {
            throw new UserException(file + ": " + what + " (" + e.getMessage() + ")" + (fix.isEmpty() ? "" : "; " + fix));
        }
    }

    /** {@link #read} of {@code file} when it exists. */
    static <T> Optional<T> readIfPresent(Path file, Class<T> type, String what, String fix) {
        return Files.isRegularFile(file) ? Optional.of(read(file, type, what, fix)) : Optional.empty();
    }
}
