package dev.ablate.testkit;

/**
 * Forces what the JVM would otherwise do at an unlucky moment: collect unreachable objects and
 * free the native memory of the direct buffers among them. Run between forward and backward, it
 * exposes arrays freed while autograd still needs them (see {@code dev.ablate.core.spi.tensor.Scalars}).
 */
public final class GarbageCollection {

    private GarbageCollection() {}

    /** Collects garbage and gives the cleaner thread time to free the direct buffers found. */
    public static void collect() {
        for (int i = 0; i < 3; i++) {
            System.gc();
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
