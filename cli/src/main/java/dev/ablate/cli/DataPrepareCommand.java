package dev.ablate.cli;

import dev.ablate.core.error.DidYouMean;
import dev.ablate.core.error.UserException;
import dev.ablate.tasks.Split;
import dev.ablate.tasks.corpus.AptGet;
import dev.ablate.tasks.corpus.BibleEnEs;
import dev.ablate.tasks.corpus.MissingPackagesException;
import dev.ablate.tasks.corpus.Mod2Imp;
import dev.ablate.tasks.corpus.SearchPath;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code ablate data prepare CORPUS [--out DIR] [--install]}. */
@Command(
        name = "prepare",
        header = "Build a corpus: train.tsv, valid.tsv and test.tsv in DIR.",
        description = {
            "bible-en-es: English-Spanish sentence pairs, one verse each, from the King James Version and the "
                    + "Reina-Valera 1909, both public domain, as Debian packages them (SWORD modules engKJV2006eb and "
                    + "spaRV1909eb in sword-text-kjv and sword-text-sparv, read with mod2imp from libsword-utils). "
                    + "Each file has one 'english<TAB>spanish' line per verse, in Bible order, UTF-8.",
            "",
            "Cleaning: footnotes and non-canonical titles are dropped (a Psalm's superscription stays, as part of "
                    + "its first verse), Strong's numbers and all other markup go, entities are decoded, whitespace "
                    + "is collapsed. RV 1909 keeps the Spanish verse numbers in a couple of dozen chapters (KJV's "
                    + "Jonah 1:17 is its Jonah 2:1); those chapters are dropped whole: a verse with text on one side "
                    + "only, or verse lengths that fit better read one to three verses off, give them away.",
            "",
            "Split: the SHA-256 of the reference (\"Genesis 1:1\") modulo 30: 0 is valid, 1 test, the rest train "
                    + "(3.3%% each, about 1,000 verses), so a verse always lands in the same file. Files are written "
                    + "atomically; DIR is created when missing.",
            "",
            "Needs the three packages; when they are missing the message gives the apt-get line, and --install "
                    + "runs it (as root)."},
        footer = {"", "Exit status: 0 ok; 2 for an unknown corpus, missing packages (the message says which and "
                + "how to install them), or --install without root."},
        mixinStandardHelpOptions = true)
final class DataPrepareCommand implements Callable<Integer> {

    private static final List<String> CORPORA = List.of(BibleEnEs.NAME);

    @ParentCommand
    DataCommand data;

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "CORPUS", completionCandidates = Corpora.class,
            description = "The corpus: ${COMPLETION-CANDIDATES}.")
    String corpus;

    @Option(names = "--out", paramLabel = "DIR",
            description = "Where to write the files (default: data/CORPUS in the current directory).")
    Path out;

    @Option(names = "--install",
            description = "Install missing Debian packages with apt-get install -y first (needs root); if that fails, "
                    + "run apt-get update and try once more (a fresh machine has no package lists).")
    boolean install;

    @Override
    public Integer call() throws IOException {
        if (!CORPORA.contains(corpus)) {
            throw new UserException("unknown corpus '" + corpus + "'; known: " + String.join(", ", CORPORA) + "."
                    + DidYouMean.hint(corpus, CORPORA));
        }
        Path folder = out != null ? out : BibleEnEs.DEFAULT_FOLDER;
        SearchPath path = SearchPath.of(data.parent.environment.get("PATH"));
        PrintWriter printer = spec.commandLine().getOut();
        BibleEnEs.Summary summary;
        try {
            summary = prepare(path, folder);
        } catch (MissingPackagesException e) {
            if (!install) {
                throw e;
            }
            AptGet.install(e.packages(), path, AptGet.runningAsRoot(), printer);
            summary = prepare(path, folder);
        }
        print(summary, printer);
        return 0;
    }

    private static BibleEnEs.Summary prepare(SearchPath path, Path folder) throws IOException {
        Mod2Imp mod2imp = Mod2Imp.find(path).orElseThrow(BibleEnEs::toolMissing);
        return BibleEnEs.prepare(mod2imp, folder);
    }

    private static void print(BibleEnEs.Summary s, PrintWriter out) {
        out.printf(Locale.ROOT, "%s: %,d verses have text in both %s (KJV) and %s (RV 1909)%s%n", BibleEnEs.NAME,
                s.shared(), BibleEnEs.ENGLISH, BibleEnEs.SPANISH,
                s.oneSided() == 0 ? "" : String.format(Locale.ROOT, ", %,d in one only", s.oneSided()));
        if (!s.dropped().isEmpty()) {
            out.printf(Locale.ROOT, "dropped %s (%s) whose Spanish numbering differs: %s%n",
                    count(s.dropped().size(), "chapter"), count(s.droppedPairs(), "verse"), String.join(", ", s.dropped()));
        }
        out.printf(Locale.ROOT, "kept %,d pairs, on average %.0f characters of English and %.0f of Spanish%n",
                s.written(), s.englishChars(), s.spanishChars());
        String folder = s.folder().toString();
        out.printf(Locale.ROOT, "train %,d pairs, valid %,d, test %,d → %s%n", s.pairs().get(Split.TRAIN),
                s.pairs().get(Split.VALID), s.pairs().get(Split.TEST),
                folder.endsWith("/") ? folder : folder + "/");
        out.flush();
    }

    /** "1 verse", "611 verses". */
    private static String count(int n, String noun) {
        return String.format(Locale.ROOT, "%,d %s%s", n, noun, n == 1 ? "" : "s");
    }

    /** The corpus names, for --help and shell completion. */
    static final class Corpora implements Iterable<String> {
        @Override
        public java.util.Iterator<String> iterator() {
            return CORPORA.iterator();
        }
    }
}
