package dev.ablate.experiments.tensorboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ablate.experiments.tensorboard.EventReader.Event;
import dev.ablate.store.MetricsLine;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Event files read back record by record with a reader written from the format's definition. */
final class TestEventFile {

    @TempDir
    Path dir;

    @Test
    void theCrcIsCastagnolisAndMaskedAsTfRecordFramesIt() {
        // The CRC-32C check value of "123456789" (RFC 3720, B.4).
        assertThat(EventReader.crc32c("123456789".getBytes(StandardCharsets.US_ASCII))).isEqualTo(0xE3069283);
        byte[] data = "some bytes".getBytes(StandardCharsets.US_ASCII);
        int masked = EventReader.masked(data);
        byte[] written = EventFile.crc(data);
        assertThat(java.nio.ByteBuffer.wrap(written).order(java.nio.ByteOrder.LITTLE_ENDIAN).getInt()).isEqualTo(masked);
    }

    @Test
    void everyMetricsLineBecomesScalarsAtItsStep() throws IOException {
        double before = Instant.now().getEpochSecond();
        Path file;
        try (EventFile events = EventFile.open(dir, 0)) {
            file = events.file();
            events.write(MetricsLine.of(10, MetricsLine.TRAIN, Map.of("loss", 2.5, "lr", 1e-3)));
            events.write(MetricsLine.of(20, MetricsLine.VALID, Map.of("accuracy", 0.75, "exactMatch", 0.0)));
            events.write(MetricsLine.finalEvaluation(20, "test", Map.of("bleu", 31.25), 20));
        }
        assertThat(file.getFileName().toString()).startsWith("events.out.tfevents.");
        List<Event> events = EventReader.read(file);
        assertThat(events).hasSize(4);
        assertThat(events.get(0).fileVersion()).isEqualTo("brain.Event:2");
        assertThat(events.get(0).wallTime()).isBetween(before, before + 60);
        assertThat(events.get(0).sessionStatus()).isNull();
        assertThat(events.get(1).step()).isEqualTo(10);
        assertThat(events.get(1).scalars()).containsOnly(Map.entry("train/loss", 2.5f), Map.entry("train/lr", 1e-3f));
        assertThat(events.get(2).step()).isEqualTo(20);
        // A zero is on the wire: TensorBoard drops a Value that carries no simple_value.
        assertThat(events.get(2).scalars()).containsOnly(Map.entry("valid/accuracy", 0.75f), Map.entry("valid/exactMatch", 0f));
        assertThat(events.get(3).scalars()).containsOnly(Map.entry("final/test/bleu", 31.25f));
    }

    @Test
    void aResumedSessionStartsAFileWithSessionStartAtTheFirstStepItTrains() throws IOException {
        try (EventFile events = EventFile.open(dir, 40)) {
            events.write(MetricsLine.of(50, MetricsLine.TRAIN, Map.of("loss", 1.0)));
        }
        Path file;
        try (Stream<Path> files = Files.list(dir)) {
            file = files.findFirst().orElseThrow();
        }
        List<Event> events = EventReader.read(file);
        // Resumed from the checkpoint at step 40: TensorBoard purges the events at and after a START's
        // step, and step 40's were logged before that checkpoint.
        assertThat(events.get(1).step()).isEqualTo(41);
        assertThat(events.get(1).sessionStatus()).as("SessionLog.START").isEqualTo(1);
        assertThat(events.get(2).step()).isEqualTo(50);
    }

    @Test
    void aDamagedRecordIsCaughtByItsCrc() throws IOException {
        Path file;
        try (EventFile events = EventFile.open(dir, 0)) {
            file = events.file();
            events.write(MetricsLine.of(10, MetricsLine.TRAIN, Map.of("loss", 2.5)));
        }
        byte[] bytes = Files.readAllBytes(file);
        bytes[bytes.length - 6] ^= 1;   // a bit of the last event's data
        Files.write(file, bytes);
        assertThatThrownBy(() -> EventReader.read(file)).hasMessageContaining("the data's CRC does not match");
    }
}
