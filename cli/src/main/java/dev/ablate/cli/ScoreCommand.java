package dev.ablate.cli;

import dev.ablate.core.error.UserException;
import dev.ablate.tasks.metrics.CorpusScore;
import dev.ablate.tasks.metrics.Metrics;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ablate score bleu|chrf --ref FILE --hyp FILE}: a corpus score with sacreBLEU's defaults. */
@Command(
        name = "score",
        header = "Score hypotheses against references: corpus BLEU or chrF, as sacreBLEU does.",
        description = {"Read FILEs of one sentence a line (UTF-8; line i of --hyp is scored against line i of --ref) "
                + "and print the corpus score the way sacreBLEU 2.6.0 prints it with its defaults, then its "
                + "signature. bleu: 13a tokenization, mixed case, n-grams up to 4, exponential smoothing, brevity "
                + "penalty. chrf: character 6-grams, beta 2, whitespace ignored. The same code scores every "
                + "sequence-to-sequence run."},
        footer = {"", "Exit status: 0 ok; 2 for a missing file, files of different lengths, or an empty corpus."},
        mixinStandardHelpOptions = true)
final class ScoreCommand extends Subcommand implements Callable<Integer> {

    @Parameters(paramLabel = "METRIC", completionCandidates = MetricNames.class, description = "bleu or chrf.")
    String metric;

    @Option(names = "--ref", paramLabel = "FILE", required = true, description = "The references, one a line.")
    Path references;

    @Option(names = "--hyp", paramLabel = "FILE", required = true, description = "The hypotheses, one a line.")
    Path hypotheses;

    @Override
    public Integer call() {
        Metrics.Corpus scorer = Metrics.Corpus.named(metric);
        List<String> refs = lines("--ref", references);
        List<String> hyps = lines("--hyp", hypotheses);
        if (refs.size() != hyps.size()) {
            throw new UserException("--hyp " + hypotheses + " has " + hyps.size() + " lines but --ref " + references
                    + " has " + refs.size() + "; each hypothesis needs exactly one reference, line by line");
        }
        PrintWriter out = spec.commandLine().getOut();
        CorpusScore score = scorer.score(hyps, refs);
        out.println(score);
        out.println(score.signature());
        out.flush();
        return 0;
    }

    /** The lines of a file, as Python's text mode reads them (a final newline ends the last line). */
    private static List<String> lines(String option, Path file) {
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new UserException(option + " " + file + ": no such file");
        } catch (CharacterCodingException e) {
            throw new UserException(option + " " + file + ": not UTF-8 text");
        } catch (IOException e) {
            throw new UserException(option + " " + file + ": cannot read (" + e.getMessage() + ")");
        }
    }

    /** The metric names, for --help and shell completion. */
    static final class MetricNames implements Iterable<String> {
        @Override
        public java.util.Iterator<String> iterator() {
            return Arrays.stream(Metrics.Corpus.values()).map(Metrics.Corpus::label).iterator();
        }
    }
}
