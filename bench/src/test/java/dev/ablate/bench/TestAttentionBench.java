package dev.ablate.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ablate.core.registry.ComponentRegistry;
import java.util.List;
import org.junit.jupiter.api.Test;

final class TestAttentionBench {

    private static final ComponentRegistry REGISTRY = ComponentRegistry.discover(TestAttentionBench.class.getClassLoader());

    private static JsonNode variant(String text) {
        return BenchVariants.parse(text, REGISTRY.json()).get(0).json();
    }

    @Test
    void measuresEveryBuiltInAttentionInThisProcess() {
        for (String v : List.of("full", "restricted:window=4", "additive:queryChunk=8")) {
            for (int n : new int[] {16, 32}) {
                PointResult r = AttentionBench.measure(REGISTRY, new PointSpec(variant(v), n, 16, 2, 2, "cpu", 1, 3));
                assertThat(r.outcome()).as(v + " n=" + n + ": " + r.error()).isEqualTo(PointResult.Outcome.MEASURED);
                assertThat(r.timeMs()).isPositive();
                assertThat(r.repeatsMs()).hasSize(3).allSatisfy(t -> assertThat(t).isPositive());
                assertThat(r.timeMs()).isEqualTo(AttentionBench.median(
                        r.repeatsMs().stream().mapToDouble(Double::doubleValue).toArray()));
                assertThat(r.memoryBytes()).as("not measured in-process").isNull();
            }
        }
    }

    @Test
    void anAllocationTheEngineRefusesIsAnOutOfMemoryResult() {
        // Full attention over 2^20 positions needs a 2^40-float score matrix (4 TiB): refused at once.
        PointResult r = AttentionBench.measure(REGISTRY, new PointSpec(variant("full"), 1 << 20, 4, 1, 1, "cpu", 0, 1));
        assertThat(r.outcome()).as(String.valueOf(r.error())).isEqualTo(PointResult.Outcome.OUT_OF_MEMORY);
        assertThat(r.error()).startsWith("out of memory: ");
        assertThat(r.timeMs()).isNull();
    }

    @Test
    void medianOfOddAndEvenCounts() {
        assertThat(AttentionBench.median(new double[] {5, 1, 3})).isEqualTo(3);
        assertThat(AttentionBench.median(new double[] {4, 1, 3, 2})).isEqualTo(2.5);
    }

    @Test
    void recognizesAllocationFailures() {
        assertThat(OutOfMemory.describe(new ai.djl.engine.EngineException(
                "[enforce fail at alloc_cpu.cpp:117] data. DefaultCPUAllocator: not enough memory: you tried to "
                        + "allocate 4398046511104 bytes.")))
                .startsWith("out of memory: [enforce fail");
        assertThat(OutOfMemory.describe(new RuntimeException("wrapped", new ai.djl.engine.EngineException(
                "CUDA out of memory. Tried to allocate 2.00 GiB\nmore lines"))))
                .isEqualTo("out of memory: CUDA out of memory. Tried to allocate 2.00 GiB");
        assertThat(OutOfMemory.describe(new OutOfMemoryError("Java heap space")))
                .isEqualTo("out of memory (Java): Java heap space");
        assertThat(OutOfMemory.describe(new IllegalStateException("shapes do not match"))).isNull();
    }
}
