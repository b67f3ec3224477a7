package dev.ablate.cli;

import static dev.ablate.cli.CommandResult.run;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ablate score}: files in, sacreBLEU's line and signature out, clear errors for bad input. */
final class TestScoreCommand {

    @Test
    void bleuOfAHandWorkedSentenceWithItsSignature(@TempDir Path dir) throws Exception {
        // Worked by hand in TestBleu: precisions 5/6, 3/5, 1/4 and, smoothed, 1/6; BLEU = (1/48)^(1/4).
        Path ref = Files.writeString(dir.resolve("ref.txt"), "the cat is on the mat\n");
        Path hyp = Files.writeString(dir.resolve("hyp.txt"), "the cat sat on the mat\n");
        CommandResult r = run("score", "bleu", "--ref", ref.toString(), "--hyp", hyp.toString());
        assertThat(r.status()).as(r.err()).isZero();
        assertThat(r.out()).isEqualTo("""
                BLEU = 37.99 83.3/60.0/25.0/16.7 (BP = 1.000 ratio = 1.000 hyp_len = 6 ref_len = 6)
                nrefs:1|case:mixed|eff:no|tok:13a|smooth:exp|version:2.6.0
                """);
    }

    @Test
    void chrfOfIdenticalAndOfEmptyHypotheses(@TempDir Path dir) throws Exception {
        Path ref = Files.writeString(dir.resolve("ref.txt"), "a small house\nthe end\n");
        CommandResult same = run("score", "chrf", "--ref", ref.toString(), "--hyp", ref.toString());
        assertThat(same.status()).as(same.err()).isZero();
        assertThat(same.out()).isEqualTo("chrF2 = 100.00\nnrefs:1|case:mixed|eff:yes|nc:6|nw:0|space:no|version:2.6.0\n");
        Path empty = Files.writeString(dir.resolve("empty.txt"), "\n\n");
        CommandResult none = run("score", "chrf", "--ref", ref.toString(), "--hyp", empty.toString());
        assertThat(none.status()).as(none.err()).isZero();
        assertThat(none.out()).startsWith("chrF2 = 0.00\n");
        CommandResult bleu = run("score", "bleu", "--ref", ref.toString(), "--hyp", empty.toString());
        assertThat(bleu.out()).startsWith("BLEU = 0.00 ");
    }

    @Test
    void badInputIsOneMessageAndStatus2(@TempDir Path dir) throws Exception {
        Path ref = Files.writeString(dir.resolve("ref.txt"), "one\ntwo\nthree\n");
        Path hyp = Files.writeString(dir.resolve("hyp.txt"), "one\ntwo\n");
        CommandResult mismatch = run("score", "bleu", "--ref", ref.toString(), "--hyp", hyp.toString());
        assertThat(mismatch.status()).isEqualTo(2);
        assertThat(mismatch.err()).isEqualTo("ablate: --hyp " + hyp + " has 2 lines but --ref " + ref + " has 3; "
                + "each hypothesis needs exactly one reference, line by line" + System.lineSeparator());
        CommandResult missing = run("score", "chrf", "--ref", dir.resolve("nope.txt").toString(), "--hyp", hyp.toString());
        assertThat(missing.status()).isEqualTo(2);
        assertThat(missing.err()).contains("--ref " + dir.resolve("nope.txt") + ": no such file");
        CommandResult metric = run("score", "bleue", "--ref", ref.toString(), "--hyp", ref.toString());
        assertThat(metric.status()).isEqualTo(2);
        assertThat(metric.err()).contains("unknown metric 'bleue'").contains("Did you mean 'bleu'?");
        Path nothing = Files.writeString(dir.resolve("nothing.txt"), "");
        CommandResult empty = run("score", "bleu", "--ref", nothing.toString(), "--hyp", nothing.toString());
        assertThat(empty.status()).isEqualTo(2);
        assertThat(empty.err()).contains("the corpus is empty").doesNotContain("\tat ");
    }
}
