package dev.ablate.tasks.corpus;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Pairs the verses of two translations by reference, and finds the chapters whose verse numbers do
 * not pair the same text.
 *
 * <p>Two modules that share a versification (both SWORD modules here claim KJV's) can still number
 * some chapters differently: RV 1909 keeps the Spanish numbering in a couple of dozen chapters, so
 * that KJV's Jonah 1:17 is empty in it and its "Jonah 2:1" holds that verse, and every verse of
 * Jonah 2 is one off. Pairing such a chapter by number pairs a verse with its neighbour's
 * translation, which teaches a model nothing good; those chapters are dropped whole. See
 * {@link #misnumbered} for the rule.
 */
public final class VerseAlignment {

    /** A chapter is misnumbered when its length ratio is more than this factor off the median. */
    static final double CHAPTER_RATIO_FACTOR = 2.0;
    /** Shifts tried: the second side read up to this many verses earlier or later. */
    static final int MAX_SHIFT = 3;
    /** The shortest run of verses a shift must fit better. */
    static final int MIN_RUN = 3;
    /** How much better (summed over the run, in |log ratio| units) a shift must fit. */
    static final double SHIFT_GAIN = 1.5;

    /** A verse of both translations (either text empty where that side has none). */
    public record Pair(String reference, String chapter, String first, String second) {

        Pair(Verse verse, String first, String second) {
            this(verse.reference(), verse.chapterReference(), first, second);
        }

        public boolean twoSided() {
            return !first.isEmpty() && !second.isEmpty();
        }

        public boolean oneSided() {
            return first.isEmpty() != second.isEmpty();
        }
    }

    private VerseAlignment() {}

    /**
     * The verses of {@code first} in their order, each with the text {@code second} has under the same
     * reference (empty when it has none), then the verses only {@code second} has, with an empty
     * first text. Texts are plain (see {@link OsisText}).
     */
    public static List<Pair> pair(List<Verse> first, List<Verse> second) {
        Map<String, Verse> seconds = new LinkedHashMap<>();
        second.forEach(v -> seconds.put(v.reference(), v));
        List<Pair> pairs = new ArrayList<>(first.size());
        for (Verse v : first) {
            Verse other = seconds.remove(v.reference());
            pairs.add(new Pair(v, v.text(), other == null ? "" : other.text()));
        }
        for (Verse only : seconds.values()) {
            pairs.add(new Pair(only, "", only.text()));
        }
        return pairs;
    }

    /** The pairs grouped by chapter, chapters in the order of their first verse. */
    public static Map<String, List<Pair>> chapters(List<Pair> pairs) {
        Map<String, List<Pair>> chapters = new LinkedHashMap<>();
        pairs.forEach(p -> chapters.computeIfAbsent(p.chapter(), c -> new ArrayList<>()).add(p));
        return chapters;
    }

    /**
     * The chapters ("Jonah 2") whose numbering differs between the two sides, in order. A chapter is
     * misnumbered when:
     *
     * <ol>
     *   <li>a verse has text on one side only (RV's empty Jonah 1:17: the verse moved to the next
     *       chapter or into its neighbour); or
     *   <li>its second/first length ratio (characters, summed over the chapter) is more than
     *       {@value #CHAPTER_RATIO_FACTOR}× off the median ratio of all verses; or
     *   <li>it is shifted: over a run of at least {@value #MIN_RUN} consecutive verses, reading the
     *       second side 1 to {@value #MAX_SHIFT} verses earlier or later fits the lengths better by
     *       more than {@value #SHIFT_GAIN} in all (see {@link #shiftGain}).
     * </ol>
     *
     * <p>Why lengths: a translation's verse is about as long as the original's (RV 1909 runs at 0.92×
     * KJV's characters, and half of all verses are within 9% of that), so a verse paired with its
     * neighbour shows as a ratio far off the median, and the shifted reading fits where the given one
     * does not. On KJV/RV 1909, rule 1 finds the chapter each moved verse left, and rule 3 the
     * chapters shifted after it (Jonah 2 after Jonah 1, Numbers 13 after 12) or in part (1 Kings
     * 22:43 is two verses in Spanish, so 44–53 are one off). Rule 2 finds nothing there: a shift by one
     * verse hardly changes a chapter's total. It stays as a guard against a chapter that holds other
     * text altogether. Aligned chapters score below about 1.3 on rule 3, the shifted ones above 1.5.
     */
    public static List<String> misnumbered(List<Pair> pairs) {
        double median = medianLogRatio(pairs);
        List<String> misnumbered = new ArrayList<>();
        chapters(pairs).forEach((chapter, verses) -> {
            if (verses.stream().anyMatch(Pair::oneSided) || ratioOff(verses, median)
                    || shiftGain(verses, median) > SHIFT_GAIN) {
                misnumbered.add(chapter);
            }
        });
        return misnumbered;
    }

    /** The median over two-sided pairs of log(second length / first length); 0 when there are none. */
    static double medianLogRatio(List<Pair> pairs) {
        double[] logs = pairs.stream().filter(Pair::twoSided)
                .mapToDouble(p -> logRatio(p.first(), p.second())).sorted().toArray();
        if (logs.length == 0) {
            return 0;
        }
        int mid = logs.length / 2;
        return logs.length % 2 == 1 ? logs[mid] : (logs[mid - 1] + logs[mid]) / 2;
    }

    private static boolean ratioOff(List<Pair> verses, double median) {
        long first = 0;
        long second = 0;
        for (Pair p : verses) {
            if (p.twoSided()) {
                first += length(p.first());
                second += length(p.second());
            }
        }
        return first > 0 && Math.abs(Math.log((double) second / first) - median) > Math.log(CHAPTER_RATIO_FACTOR);
    }

    /**
     * The most a shift improves the fit of a chapter: over shifts k = ±1..±{@value #MAX_SHIFT} and
     * runs of at least {@value #MIN_RUN} consecutive verses i, the largest sum of
     * {@code misfit(first[i], second[i]) - misfit(first[i], second[i + k])}, where misfit is
     * |log(length ratio) − median|. 0 when no shift fits any better.
     */
    static double shiftGain(List<Pair> verses, double median) {
        int n = verses.size();
        double best = 0;
        for (int shift = -MAX_SHIFT; shift <= MAX_SHIFT; shift++) {
            if (shift == 0) {
                continue;
            }
            Double[] gains = new Double[n]; // null where a text is missing
            for (int i = 0; i < n; i++) {
                int j = i + shift;
                String first = verses.get(i).first();
                if (j >= 0 && j < n && !first.isEmpty() && !verses.get(i).second().isEmpty()
                        && !verses.get(j).second().isEmpty()) {
                    gains[i] = misfit(first, verses.get(i).second(), median)
                            - misfit(first, verses.get(j).second(), median);
                }
            }
            for (int start = 0; start < n; start++) {
                double sum = 0;
                for (int end = start; end < n && gains[end] != null; end++) {
                    sum += gains[end];
                    if (end - start + 1 >= MIN_RUN) {
                        best = Math.max(best, sum);
                    }
                }
            }
        }
        return best;
    }

    private static double misfit(String first, String second, double median) {
        return Math.abs(logRatio(first, second) - median);
    }

    private static double logRatio(String first, String second) {
        return Math.log((double) length(second) / length(first));
    }

    /** Characters, as people count them (code points). */
    static int length(String text) {
        return text.codePointCount(0, text.length());
    }
}
