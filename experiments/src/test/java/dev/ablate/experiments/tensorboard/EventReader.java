package dev.ablate.experiments.tensorboard;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads TensorBoard event files from the formats' definitions alone, to check what EventFile writes
 * without its code: TFRecord framing (uint64 length little-endian, masked CRC-32C of those 8 bytes,
 * the data, masked CRC-32C of the data; mask = ((crc >>> 15) | (crc << 17)) + 0xa282ead8, CRC-32C
 * computed bit by bit here, polynomial 0x82F63B78 reflected) and the protobuf wire format of
 * tensorboard.Event (1 wall_time double, 2 step int64, 3 file_version string, 5 summary: repeated
 * 1 value {1 tag string, 2 simple_value float in oneof value}, 7 session_log {1 status enum}; 6 is
 * the deprecated log_message). A Value without simple_value is no scalar, as TensorBoard reads it.
 */
public final class EventReader {

    /** One Event, as far as the test needs it. */
    public record Event(double wallTime, long step, String fileVersion, Map<String, Float> scalars, Integer sessionStatus) {}

    private EventReader() {}

    public static List<Event> read(Path file) throws IOException {
        ByteBuffer in = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        List<Event> events = new ArrayList<>();
        while (in.hasRemaining()) {
            byte[] header = new byte[8];
            in.get(header);
            int headerCrc = in.getInt();
            if (headerCrc != masked(header)) {
                throw new IOException("record " + events.size() + ": the length's CRC does not match");
            }
            long length = ByteBuffer.wrap(header).order(ByteOrder.LITTLE_ENDIAN).getLong();
            byte[] data = new byte[Math.toIntExact(length)];
            in.get(data);
            if (in.getInt() != masked(data)) {
                throw new IOException("record " + events.size() + ": the data's CRC does not match");
            }
            events.add(event(data));
        }
        return events;
    }

    static int masked(byte[] bytes) {
        int crc = crc32c(bytes);
        return ((crc >>> 15) | (crc << 17)) + 0xa282ead8;
    }

    /** CRC-32C (Castagnoli), bit by bit. */
    static int crc32c(byte[] bytes) {
        int crc = 0xFFFFFFFF;
        for (byte b : bytes) {
            crc ^= b & 0xFF;
            for (int k = 0; k < 8; k++) {
                crc = (crc & 1) != 0 ? (crc >>> 1) ^ 0x82F63B78 : crc >>> 1;
            }
        }
        return ~crc;
    }

    private static Event event(byte[] data) {
        Wire w = new Wire(data);
        double wallTime = 0;
        long step = 0;
        String version = null;
        Map<String, Float> scalars = new LinkedHashMap<>();
        Integer status = null;
        while (w.more()) {
            long key = w.varint();
            int field = (int) (key >>> 3);
            int type = (int) (key & 7);
            switch (field) {
                case 1 -> wallTime = Double.longBitsToDouble(w.fixed64(type));
                case 2 -> step = w.varintOf(type);
                case 3 -> version = new String(w.bytes(type), StandardCharsets.UTF_8);
                case 5 -> summary(w.bytes(type), scalars);
                case 7 -> {
                    Wire log = new Wire(w.bytes(type));
                    while (log.more()) {
                        long k = log.varint();
                        if (k >>> 3 == 1) {
                            status = (int) log.varintOf((int) (k & 7));
                        } else {
                            log.skip((int) (k & 7));
                        }
                    }
                }
                default -> w.skip(type);
            }
        }
        return new Event(wallTime, step, version, scalars, status);
    }

    private static void summary(byte[] data, Map<String, Float> scalars) {
        Wire s = new Wire(data);
        while (s.more()) {
            long key = s.varint();
            if (key >>> 3 != 1) {
                s.skip((int) (key & 7));
                continue;
            }
            Wire value = new Wire(s.bytes((int) (key & 7)));
            String tag = null;
            Float simple = null;
            while (value.more()) {
                long k = value.varint();
                switch ((int) (k >>> 3)) {
                    case 1 -> tag = new String(value.bytes((int) (k & 7)), StandardCharsets.UTF_8);
                    case 2 -> simple = Float.intBitsToFloat(value.fixed32((int) (k & 7)));
                    default -> value.skip((int) (k & 7));
                }
            }
            if (simple != null) {
                scalars.put(tag, simple);
            }
        }
    }

    /** The protobuf wire format: varints, fixed 32 and 64 bits little-endian, length-delimited bytes. */
    private static final class Wire {
        private final ByteBuffer in;

        Wire(byte[] data) {
            in = ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN);
        }

        boolean more() {
            return in.hasRemaining();
        }

        long varint() {
            long value = 0;
            for (int shift = 0; ; shift += 7) {
                byte b = in.get();
                value |= (long) (b & 0x7F) << shift;
                if ((b & 0x80) == 0) {
                    return value;
                }
            }
        }

        long varintOf(int type) {
            expect(type, 0);
            return varint();
        }

        long fixed64(int type) {
            expect(type, 1);
            return in.getLong();
        }

        int fixed32(int type) {
            expect(type, 5);
            return in.getInt();
        }

        byte[] bytes(int type) {
            expect(type, 2);
            byte[] b = new byte[Math.toIntExact(varint())];
            in.get(b);
            return b;
        }

        void skip(int type) {
            switch (type) {
                case 0 -> varint();
                case 1 -> in.getLong();
                case 2 -> bytes(2);
                case 5 -> in.getInt();
                default -> throw new IllegalStateException("wire type " + type);
            }
        }

        private static void expect(int type, int wanted) {
            if (type != wanted) {
                throw new IllegalStateException("wire type " + type + ", expected " + wanted);
            }
        }
    }
}
