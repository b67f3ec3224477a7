package dev.ablate.bench;

import java.util.Locale;

/** Recognizes an allocation failure: the JVM's, or the engine's (PyTorch on the CPU or on CUDA). */
final class OutOfMemory {

    /** Phrases of PyTorch's allocators (CPU: "DefaultCPUAllocator: not enough memory", CUDA: "CUDA out of memory"). */
    private static final String[] PHRASES = {
        "out of memory", "not enough memory", "can't allocate memory", "cannot allocate memory", "bad_alloc",
        "failed to allocate"
    };

    private OutOfMemory() {}

    /** "out of memory: ..." when {@code e} or a cause is an allocation failure; {@code null} otherwise. */
    static String describe(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof OutOfMemoryError) {
                return "out of memory (Java): " + t.getMessage();
            }
            String message = t.getMessage();
            if (message == null) {
                continue;
            }
            for (String line : message.split("\\R")) {
                String lower = line.toLowerCase(Locale.ROOT);
                for (String phrase : PHRASES) {
                    if (lower.contains(phrase)) {
                        String shown = line.strip();
                        return "out of memory: " + (shown.length() > 300 ? shown.substring(0, 300) + "..." : shown);
                    }
                }
            }
        }
        return null;
    }
}
