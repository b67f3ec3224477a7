package dev.ablate.experiments.tensorboard;

import com.google.protobuf.DescriptorProtos.DescriptorProto;
import com.google.protobuf.DescriptorProtos.EnumDescriptorProto;
import com.google.protobuf.DescriptorProtos.EnumValueDescriptorProto;
import com.google.protobuf.DescriptorProtos.FieldDescriptorProto;
import com.google.protobuf.DescriptorProtos.FieldDescriptorProto.Label;
import com.google.protobuf.DescriptorProtos.FieldDescriptorProto.Type;
import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.DescriptorProtos.OneofDescriptorProto;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.DescriptorValidationException;
import com.google.protobuf.Descriptors.FileDescriptor;
import com.google.protobuf.DynamicMessage;
import dev.ablate.store.MetricsLine;
import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Map;
import java.util.zip.CRC32C;

/**
 * A TensorBoard event file in a run's folder ({@code events.out.tfevents.<seconds>.<host>.<pid>}), so
 * that {@code tensorboard --logdir runs/NAME} shows a sweep, one TensorBoard run per Ablate run. Every
 * metrics.jsonl line becomes scalars against its step: {@code train/loss}, {@code train/lr},
 * {@code train/gradNorm}, {@code train/tokensPerSecond}, {@code valid/<metric>}, and the final
 * evaluation as {@code final/<split>/<metric>}.
 *
 * <p>The format: TFRecord framing (a little-endian uint64 length, its masked CRC-32C, the bytes, their
 * masked CRC-32C) around serialized {@code tensorboard.Event} messages; the first event holds the
 * file version {@code brain.Event:2}. The messages are protobuf-java {@link DynamicMessage}s over
 * descriptors built here with the field numbers of TensorBoard's event.proto and summary.proto, so no
 * generated code is needed. A session that resumes a run from its checkpoint at step s starts a new
 * file with a {@code SessionLog START} at step s + 1, the first step it trains: TensorBoard then drops
 * the earlier files' events from that step on (a crashed session logged them past its last
 * checkpoint, and they are retrained) and keeps step s's. Each record is flushed as written: a crash loses at most the
 * record being written, and TensorBoard reads a file whose last record is torn.
 */
public final class EventFile implements Closeable {

    public static final String PREFIX = "events.out.tfevents.";
    public static final String FILE_VERSION = "brain.Event:2";
    private static final int MASK_DELTA = 0xa282ead8;

    static final Descriptor EVENT;
    static final Descriptor SUMMARY;
    static final Descriptor VALUE;
    static final Descriptor SESSION_LOG;

    static {
        // tensorboard/compat/proto/event.proto and summary.proto: the fields Ablate writes, with their
        // numbers and oneofs (checked by reading the files with TensorBoard 2.21 itself).
        FileDescriptorProto proto = FileDescriptorProto.newBuilder()
                .setName("ablate/tensorboard_event.proto")
                .setPackage("tensorboard")
                .setSyntax("proto3")
                .addMessageType(DescriptorProto.newBuilder().setName("Event")
                        .addField(field("wall_time", 1, Type.TYPE_DOUBLE, null))
                        .addField(field("step", 2, Type.TYPE_INT64, null))
                        .addOneofDecl(OneofDescriptorProto.newBuilder().setName("what"))
                        .addField(field("file_version", 3, Type.TYPE_STRING, null).setOneofIndex(0))
                        .addField(field("summary", 5, Type.TYPE_MESSAGE, ".tensorboard.Summary").setOneofIndex(0))
                        .addField(field("session_log", 7, Type.TYPE_MESSAGE, ".tensorboard.SessionLog").setOneofIndex(0)))
                .addMessageType(DescriptorProto.newBuilder().setName("Summary")
                        .addField(field("value", 1, Type.TYPE_MESSAGE, ".tensorboard.Summary.Value")
                                .setLabel(Label.LABEL_REPEATED))
                        .addNestedType(DescriptorProto.newBuilder().setName("Value")
                                .addField(field("tag", 1, Type.TYPE_STRING, null))
                                // In oneof value, as in summary.proto: a member of a oneof is written
                                // even at 0, and TensorBoard skips a Value whose oneof is unset.
                                .addOneofDecl(OneofDescriptorProto.newBuilder().setName("value"))
                                .addField(field("simple_value", 2, Type.TYPE_FLOAT, null).setOneofIndex(0))))
                .addMessageType(DescriptorProto.newBuilder().setName("SessionLog")
                        .addEnumType(EnumDescriptorProto.newBuilder().setName("SessionStatus")
                                .addValue(EnumValueDescriptorProto.newBuilder().setName("STATUS_UNSPECIFIED").setNumber(0))
                                .addValue(EnumValueDescriptorProto.newBuilder().setName("START").setNumber(1))
                                .addValue(EnumValueDescriptorProto.newBuilder().setName("STOP").setNumber(2))
                                .addValue(EnumValueDescriptorProto.newBuilder().setName("CHECKPOINT").setNumber(3)))
                        .addField(field("status", 1, Type.TYPE_ENUM, ".tensorboard.SessionLog.SessionStatus")))
                .build();
        try {
            FileDescriptor file = FileDescriptor.buildFrom(proto, new FileDescriptor[0]);
            EVENT = file.findMessageTypeByName("Event");
            SUMMARY = file.findMessageTypeByName("Summary");
            VALUE = SUMMARY.findNestedTypeByName("Value");
            SESSION_LOG = file.findMessageTypeByName("SessionLog");
        } catch (DescriptorValidationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private static FieldDescriptorProto.Builder field(String name, int number, Type type, String typeName) {
        FieldDescriptorProto.Builder f = FieldDescriptorProto.newBuilder().setName(name).setNumber(number).setType(type)
                .setLabel(Label.LABEL_OPTIONAL);
        return typeName == null ? f : f.setTypeName(typeName);
    }

    private final Path file;
    private final OutputStream out;

    private EventFile(Path file, OutputStream out) {
        this.file = file;
        this.out = out;
    }

    /**
     * A new event file in {@code folder}, starting with the file version; when {@code resumedAt} (the
     * checkpoint's step) is above 0, also a {@code SessionLog START} at the step after it, since
     * TensorBoard purges the events at and after a START's step.
     */
    public static EventFile open(Path folder, int resumedAt) throws IOException {
        Instant now = Instant.now();
        String name = ManagementFactory.getRuntimeMXBean().getName();   // pid@host
        int at = name.indexOf('@');
        String host = at < 0 ? "localhost" : name.substring(at + 1);
        String pid = at < 0 ? name : name.substring(0, at);
        Path file = folder.resolve(PREFIX + now.getEpochSecond() + "." + host + "." + pid);
        EventFile events = new EventFile(file, new BufferedOutputStream(Files.newOutputStream(file,
                StandardOpenOption.CREATE, StandardOpenOption.APPEND)));
        events.write(DynamicMessage.newBuilder(EVENT)
                .setField(EVENT.findFieldByName("wall_time"), seconds(now))
                .setField(EVENT.findFieldByName("file_version"), FILE_VERSION)
                .build());
        if (resumedAt > 0) {
            DynamicMessage start = DynamicMessage.newBuilder(SESSION_LOG)
                    .setField(SESSION_LOG.findFieldByName("status"),
                            SESSION_LOG.getEnumTypes().get(0).findValueByName("START"))
                    .build();
            events.write(DynamicMessage.newBuilder(EVENT)
                    .setField(EVENT.findFieldByName("wall_time"), seconds(now))
                    .setField(EVENT.findFieldByName("step"), (long) resumedAt + 1)
                    .setField(EVENT.findFieldByName("session_log"), start)
                    .build());
        }
        return events;
    }

    public Path file() {
        return file;
    }

    /** The line's numbers as scalars at its step: {@code split/name}, or {@code final/split/name} for the final evaluation. */
    public void write(MetricsLine line) throws IOException {
        String prefix = (line.isFinal() ? "final/" : "") + line.split() + "/";
        DynamicMessage.Builder summary = DynamicMessage.newBuilder(SUMMARY);
        for (Map.Entry<String, Double> v : line.values().entrySet()) {
            if (v.getValue() == null) {
                continue;
            }
            summary.addRepeatedField(SUMMARY.findFieldByName("value"), DynamicMessage.newBuilder(VALUE)
                    .setField(VALUE.findFieldByName("tag"), prefix + v.getKey())
                    .setField(VALUE.findFieldByName("simple_value"), v.getValue().floatValue())
                    .build());
        }
        write(DynamicMessage.newBuilder(EVENT)
                .setField(EVENT.findFieldByName("wall_time"), seconds(Instant.now()))
                .setField(EVENT.findFieldByName("step"), (long) line.step())
                .setField(EVENT.findFieldByName("summary"), summary.build())
                .build());
    }

    private void write(DynamicMessage event) throws IOException {
        byte[] data = event.toByteArray();
        byte[] length = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(data.length).array();
        out.write(length);
        out.write(crc(length));
        out.write(data);
        out.write(crc(data));
        out.flush();
    }

    /** The masked CRC-32C of {@code bytes}, little-endian, as TFRecord frames it. */
    static byte[] crc(byte[] bytes) {
        CRC32C crc = new CRC32C();
        crc.update(bytes);
        int value = (int) crc.getValue();
        int masked = ((value >>> 15) | (value << 17)) + MASK_DELTA;
        return ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(masked).array();
    }

    private static double seconds(Instant t) {
        return t.getEpochSecond() + t.getNano() / 1e9;
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
