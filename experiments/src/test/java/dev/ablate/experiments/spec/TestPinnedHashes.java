package dev.ablate.experiments.spec;

import static dev.ablate.experiments.spec.SpecTesting.READER;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A run folder is resumed or skipped only when its config.json has the variant's hash, so a hash
 * that changes with the code would make every run store retrain. The hashes of the example specs
 * and of a spec per sequence task, as the version before the run-store redesign computed them,
 * are pinned in src/test/resources/pinned-hashes/expected.txt.
 */
final class TestPinnedHashes {

    private static final Path PINNED = Path.of("src", "test", "resources", "pinned-hashes");
    private static final Path EXAMPLES = Path.of("..", "examples");

    @Test
    void variantHashesAreThoseOfThePreviousVersion() throws IOException {
        List<String> expected = new ArrayList<>();
        for (String line : Files.readAllLines(PINNED.resolve("expected.txt"), StandardCharsets.UTF_8)) {
            if (!line.startsWith("#") && !line.isBlank()) {
                expected.add(line);
            }
        }
        List<String> actual = new ArrayList<>();
        for (String file : List.of("copy.json", "reverse.json", "sort.json", "quick-attention.json", "positional.json",
                "norm-placement.json", "paper-table3.json")) {
            Path spec = Files.exists(PINNED.resolve(file)) ? PINNED.resolve(file) : EXAMPLES.resolve(file);
            for (Variant v : READER.read(spec).variants()) {
                actual.add(file + "  " + v.id() + "  [" + v.hash() + "]");
            }
        }
        assertThat(actual).containsExactlyElementsOf(expected);
    }
}
