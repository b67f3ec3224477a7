package dev.ablate.reports.bench;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.ablate.core.io.AtomicFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The attention scaling benchmark's results, the content of {@code bench.json}:
 *
 * <pre>
 * {"points": [{"variant": "full", "n": 512, "timeMs": 1.2, "memoryBytes": 123, "repeatsMs": [...]}, ...],
 *  "fits": [{"variant": "full", "timeSlope": 1.98, "memorySlope": 2.0, ...}, ...],
 *  "settings": {"dModel": 64, "heads": 4, ...}}
 * </pre>
 *
 * A failed point has {@code "error"} and null numbers; {@code memoryBytes} is null where memory
 * was not measured.
 */
public record BenchResult(List<BenchPoint> points, List<BenchFit> fits, BenchSettings settings) {

    /** The file name the benchmark writes into its output folder. */
    public static final String FILE = "bench.json";

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    public BenchResult {
        points = points == null ? List.of() : List.copyOf(points);
        fits = fits == null ? List.of() : List.copyOf(fits);
    }

    /** The result with the fits computed from {@code points} (see {@link Fits#fit}). */
    public static BenchResult of(List<BenchPoint> points, BenchSettings settings) {
        return new BenchResult(points, Fits.fit(points, settings == null ? null : settings.fitMin()), settings);
    }

    public String toJson() {
        try {
            return MAPPER.writeValueAsString(this) + "\n";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static BenchResult fromJson(String json) throws IOException {
        return MAPPER.readValue(json, BenchResult.class);
    }

    public static BenchResult read(Path file) throws IOException {
        return fromJson(Files.readString(file, StandardCharsets.UTF_8));
    }

    /** Writes the JSON to {@code file} atomically (see {@link AtomicFiles}). */
    public void write(Path file) throws IOException {
        AtomicFiles.writeString(file, toJson());
    }
}
