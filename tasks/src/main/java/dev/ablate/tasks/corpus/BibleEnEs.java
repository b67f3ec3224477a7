package dev.ablate.tasks.corpus;

import dev.ablate.core.io.AtomicFiles;
import dev.ablate.tasks.Split;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The {@code bible-en-es} corpus: English–Spanish sentence pairs, one verse each, from two
 * public-domain Bibles that Debian packages as SWORD modules: the King James Version
 * ({@code engKJV2006eb}, package sword-text-kjv) and the Reina-Valera 1909 ({@code spaRV1909eb},
 * sword-text-sparv), read with {@code mod2imp} (libsword-utils).
 *
 * <p>Steps: dump both modules; strip each verse's OSIS to plain text ({@link OsisText}); pair the
 * verses by reference in KJV order; drop the chapters RV numbers differently
 * ({@link VerseAlignment#misnumbered}); split by reference ({@link #split}); write
 * {@code train.tsv}, {@code valid.tsv} and {@code test.tsv}, one {@code english<TAB>spanish} line
 * per verse in Bible order, UTF-8, each file atomically.
 */
public final class BibleEnEs {

    public static final String NAME = "bible-en-es";
    public static final String ENGLISH = "engKJV2006eb";
    public static final String SPANISH = "spaRV1909eb";
    /** Where {@code ablate data prepare bible-en-es} writes, relative to the working directory. */
    public static final Path DEFAULT_FOLDER = Path.of("data", NAME);
    /** The Debian packages of the modules and of the tool, in the order apt-get is told. */
    public static final List<String> PACKAGES = List.of("sword-text-kjv", "sword-text-sparv", "libsword-utils");

    private static final Map<String, String> MODULE_PACKAGES =
            Map.of(ENGLISH, "sword-text-kjv", SPANISH, "sword-text-sparv");
    /** One reference in {@code SPLIT_BUCKETS} goes to valid, one to test. */
    static final int SPLIT_BUCKETS = 30;

    /**
     * What {@link #prepare} did. {@code shared}: verses with text in both modules; {@code oneSided}:
     * with text in one only; {@code dropped}: the misnumbered chapters ("Jonah 2"), which held
     * {@code droppedPairs} of the shared verses; {@code pairs}: those written, per split; average
     * lengths in characters over the pairs written.
     */
    public record Summary(int shared, int oneSided, List<String> dropped, int droppedPairs, Map<Split, Integer> pairs,
            double englishChars, double spanishChars, Path folder) {

        public Summary {
            dropped = List.copyOf(dropped);
            pairs = Map.copyOf(pairs);
        }

        public int written() {
            return pairs.values().stream().mapToInt(Integer::intValue).sum();
        }
    }

    private BibleEnEs() {}

    /** The error for a missing {@code mod2imp}: without it we cannot ask which modules are there, so it names all three. */
    public static MissingPackagesException toolMissing() {
        return new MissingPackagesException(NAME, Mod2Imp.PROGRAM + " (libsword-utils) is not on PATH", PACKAGES);
    }

    /**
     * Builds the corpus into {@code folder} (created when missing) from the modules {@code dump}
     * gives.
     *
     * @throws MissingPackagesException naming the packages of the modules that are not installed
     */
    public static Summary prepare(ModuleDump dump, Path folder) throws IOException {
        Map<String, String> dumps = new LinkedHashMap<>();
        List<String> missing = new ArrayList<>();
        for (String module : List.of(ENGLISH, SPANISH)) {
            dump.dump(module).ifPresentOrElse(d -> dumps.put(module, d), () -> missing.add(module));
        }
        if (!missing.isEmpty()) {
            throw new MissingPackagesException(NAME, "the SWORD module" + (missing.size() > 1 ? "s " : " ")
                    + String.join(" and ", missing) + (missing.size() > 1 ? " are" : " is") + " not installed",
                    missing.stream().map(MODULE_PACKAGES::get).toList());
        }
        List<VerseAlignment.Pair> pairs =
                VerseAlignment.pair(plain(ImpReader.read(dumps.get(ENGLISH))), plain(ImpReader.read(dumps.get(SPANISH))));
        return write(pairs, folder);
    }

    /** Drops misnumbered chapters from {@code pairs} and writes the rest, split. */
    private static Summary write(List<VerseAlignment.Pair> pairs, Path folder) throws IOException {
        Set<String> dropped = new HashSet<>(VerseAlignment.misnumbered(pairs));
        Map<Split, StringBuilder> files = new EnumMap<>(Split.class);
        Map<Split, Integer> counts = new EnumMap<>(Split.class);
        for (Split s : Split.values()) {
            files.put(s, new StringBuilder());
            counts.put(s, 0);
        }
        int shared = 0;
        int oneSided = 0;
        int droppedPairs = 0;
        long englishChars = 0;
        long spanishChars = 0;
        for (VerseAlignment.Pair p : pairs) {
            oneSided += p.oneSided() ? 1 : 0;
            if (!p.twoSided()) {
                continue;
            }
            shared++;
            if (dropped.contains(p.chapter())) {
                droppedPairs++;
                continue;
            }
            Split s = split(p.reference());
            // Plain text holds no tab or newline: OsisText collapses all whitespace to single spaces.
            files.get(s).append(p.first()).append('\t').append(p.second()).append('\n');
            counts.merge(s, 1, Integer::sum);
            englishChars += VerseAlignment.length(p.first());
            spanishChars += VerseAlignment.length(p.second());
        }
        for (Split s : Split.values()) {
            AtomicFiles.writeString(folder.resolve(s.label() + ".tsv"), files.get(s).toString());
        }
        int written = shared - droppedPairs;
        List<String> droppedInOrder = VerseAlignment.chapters(pairs).keySet().stream()
                .filter(dropped::contains).toList();
        return new Summary(shared, oneSided, droppedInOrder, droppedPairs, counts,
                written == 0 ? 0 : (double) englishChars / written, written == 0 ? 0 : (double) spanishChars / written,
                folder);
    }

    /**
     * The split of the verse at {@code reference} ("Genesis 1:1", as {@link Verse#reference()}):
     * the SHA-256 of its UTF-8 bytes, read as an unsigned big-endian number, modulo
     * {@value #SPLIT_BUCKETS}: 0 is valid, 1 test, the rest train. So a verse always lands in the
     * same split, whatever else changes, and each of valid and test gets one verse in 30 (about 1,000).
     * In Python: {@code int(hashlib.sha256(ref.encode()).hexdigest(), 16) % 30}.
     */
    public static Split split(String reference) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(reference.getBytes(StandardCharsets.UTF_8));
            int bucket = new BigInteger(1, hash).mod(BigInteger.valueOf(SPLIT_BUCKETS)).intValue();
            return bucket == 0 ? Split.VALID : bucket == 1 ? Split.TEST : Split.TRAIN;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }

    private static List<Verse> plain(List<Verse> osis) {
        List<Verse> plain = new ArrayList<>(osis.size());
        for (Verse v : osis) {
            plain.add(new Verse(v.book(), v.chapter(), v.verse(), OsisText.plain(v.text())));
        }
        return plain;
    }
}
