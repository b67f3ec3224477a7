package dev.ablate.reports.complexity;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ablate.core.registry.ComponentRegistry;
import dev.ablate.core.spi.AttentionConfig;
import dev.ablate.core.spi.ProblemSize;
import java.util.List;
import org.junit.jupiter.api.Test;

final class TestComplexityTable {

    @Test
    void unitsRoundToAboutThreeDigits() {
        assertThat(Units.flops(83_886_080)).isEqualTo("83.9 MFLOP");
        assertThat(Units.flops(1.34e9)).isEqualTo("1.34 GFLOP");
        assertThat(Units.flops(512)).isEqualTo("512 FLOP");
        assertThat(Units.bytes(11_010_048)).isEqualTo("10.5 MiB");
        assertThat(Units.bytes(1024)).isEqualTo("1.00 KiB");
        assertThat(Units.bytes(100)).isEqualTo("100 B");
    }

    @Test
    void rendersTheTable1ColumnsWithNumbersAtTheGivenSize() {
        ComponentRegistry registry = ComponentRegistry.discover(getClass().getClassLoader());
        AttentionConfig full = registry.json().read("t", "{\"type\": \"full\"}", AttentionConfig.class);
        AttentionConfig restricted = registry.json().read("t", "{\"type\": \"restricted\", \"window\": 32}", AttentionConfig.class);
        String table = ComplexityTable.markdown(List.of(
                new ComplexityTable.Row("full", registry.complexity(full)),
                new ComplexityTable.Row("restricted(window=32)", registry.complexity(restricted))),
                new ProblemSize(512, 64, 4));
        // full: 8·n·d² + 4·n²·d = 16,777,216 + 67,108,864 = 83,886,080 FLOPs;
        //       4·(5·n·d + 2·h·n²) = 4·(163,840 + 2,097,152) = 9,043,968 bytes.
        // restricted, c = 32: 8·n·d² + 12·n·c·d = 16,777,216 + 12,582,912 = 29,360,128 FLOPs;
        //       4·(5·n·d + 6·n·d + 6·h·n·c) = 4·(163,840 + 196,608 + 393,216) = 3,014,656 bytes.
        assertThat(table.lines().toList()).containsExactly(
                "| attention | complexity per layer | sequential operations | maximum path length | FLOPs at n=512, d=64, h=4 | activations kept |",
                "|---|---|---|---|---:|---:|",
                "| full | O(n²·d) | O(1) | O(1) | 83.9 MFLOP | 8.63 MiB |",
                "| restricted(window=32) | O(r·n·d) | O(1) | O(n/r) | 29.4 MFLOP | 2.88 MiB |");
    }
}
