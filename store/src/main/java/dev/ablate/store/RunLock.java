package dev.ablate.store;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An operating-system lock on a run's {@code run.lock}, held while the run trains. The system
 * releases it when the holder dies, however it dies (kill -9 included), so a crashed worker's run
 * is free for the next one at once and there is no stale lock to clean up. The file names the
 * current holder, for the message another worker prints.
 */
public final class RunLock implements AutoCloseable {

    private final FileChannel channel;
    private final FileLock lock;

    private final Path key;

    private RunLock(Path key, FileChannel channel, FileLock lock) {
        this.key = key;
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Files this JVM holds locks on. OS locks belong to the process, and closing any channel to a
     * file drops every lock the process holds on it, so a second attempt from this JVM must not even
     * open the file: it is answered from here.
     */
    private static final Set<Path> HELD = ConcurrentHashMap.newKeySet();

    /** The lock, or {@code null} when another process (or another sweep in this one) holds it. */
    public static RunLock tryAcquire(Path file) throws IOException {
        Path key = file.toAbsolutePath().normalize();
        if (!HELD.add(key)) {
            return null;
        }
        FileChannel channel;
        FileLock lock;
        try {
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null;
            }
        } catch (IOException | RuntimeException e) {
            HELD.remove(key);
            throw e;
        }
        if (lock == null) {
            channel.close();
            HELD.remove(key);
            return null;
        }
        channel.truncate(0);
        String holder = ManagementFactory.getRuntimeMXBean().getName() + " since " + Instant.now() + "\n";
        channel.write(ByteBuffer.wrap(holder.getBytes(StandardCharsets.UTF_8)), 0);
        channel.force(false);
        return new RunLock(key, channel, lock);
    }

    /**
     * The lock, waiting while another process holds it. Not reentrant: this JVM must not hold it
     * already.
     */
    public static RunLock await(Path file) throws IOException {
        Path key = file.toAbsolutePath().normalize();
        if (!HELD.add(key)) {
            throw new IllegalStateException(file + " is already locked by this process");
        }
        try {
            FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
            try {
                return new RunLock(key, channel, channel.lock());
            } catch (IOException | RuntimeException e) {
                channel.close();
                throw e;
            }
        } catch (IOException | RuntimeException e) {
            HELD.remove(key);
            throw e;
        }
    }

    /**
     * Who trains the run now: the holder line of {@code file} ("pid@host since ...") when another
     * process holds its lock, "this process" when this JVM does, empty when nobody does or the file
     * does not exist. It never writes the file: a free lock is taken and released at once. (A worker
     * that tries the run in that instant finds it taken and leaves it for the next sweep.)
     */
    public static Optional<String> holder(Path file) throws IOException {
        if (HELD.contains(file.toAbsolutePath().normalize())) {
            // Opening the file again and closing it would drop this process's lock on it.
            return Optional.of("this process");
        }
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            FileLock probe = channel.tryLock();
            if (probe != null) {
                probe.release();
                return Optional.empty();
            }
            ByteBuffer text = ByteBuffer.allocate((int) Math.min(channel.size(), 4096));
            channel.read(text, 0);
            return Optional.of(new String(text.array(), 0, text.position(), StandardCharsets.UTF_8).strip());
        }
    }

    @Override
    public void close() throws IOException {
        try {
            lock.release();
        } finally {
            try {
                channel.close();
            } finally {
                HELD.remove(key);
            }
        }
    }
}
