package dev.ablate.bench;

import dev.ablate.core.registry.ComponentRegistry;
import java.io.PrintWriter;

/**
 * The child process of {@link TestPointProcess}: what {@code ablate bench attention-point} does,
 * on the test class path. Argument: the point spec as JSON.
 */
public final class BenchChild {

    private BenchChild() {}

    public static void main(String[] args) {
        System.setProperty("ai.djl.offline", "true");
        ComponentRegistry registry = ComponentRegistry.discover(BenchChild.class.getClassLoader());
        PointProcess.runChild(registry, args[args.length - 1], new PrintWriter(System.out, true));
        System.exit(0);
    }
}
