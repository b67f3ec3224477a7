package dev.ablate.experiments.sweep;

import dev.ablate.store.RunLock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The other process of {@link TestRerunAndLock}: takes a run's lock with {@link RunLock}, prints
 * {@code locked} (or {@code busy}), and holds the lock until its standard input closes.
 *
 * <p>Argument: the run folder.
 */
public final class LockHolder {

    private LockHolder() {}

    public static void main(String[] args) throws IOException {
        Path folder = Path.of(args[0]);
        Files.createDirectories(folder);
        try (RunLock lock = RunLock.tryAcquire(folder.resolve("run.lock"))) {
            System.out.println(lock == null ? "busy" : "locked");
            System.out.flush();
            while (System.in.read() >= 0) {
                // hold the lock until the parent closes our input (or kills us)
            }
        }
    }
}
