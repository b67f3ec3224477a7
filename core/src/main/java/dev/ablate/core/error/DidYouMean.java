package dev.ablate.core.error;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/** "Did you mean" suggestions, ranked by edit distance. */
public final class DidYouMean {

    private DidYouMean() {}

    /**
     * The known names close enough to {@code given} to be a likely typo, best first: within an edit
     * distance of a third of the longer name (at least 2), or sharing a prefix of 3 or more letters.
     */
    public static List<String> suggestions(String given, Collection<String> known) {
        String g = given.toLowerCase(Locale.ROOT);
        return known.stream()
                .filter(k -> isClose(g, k.toLowerCase(Locale.ROOT)))
                .sorted(Comparator.comparingInt((String k) -> distance(g, k.toLowerCase(Locale.ROOT)))
                        .thenComparing(Comparator.naturalOrder()))
                .toList();
    }

    /**
     * {@code " Did you mean 'x'?"} naming the closest known names (all of them when several are
     * equally close, up to three), or empty when nothing is close.
     */
    public static String hint(String given, Collection<String> known) {
        List<String> s = suggestions(given, known);
        if (s.isEmpty()) {
            return "";
        }
        String g = given.toLowerCase(Locale.ROOT);
        int best = distance(g, s.get(0).toLowerCase(Locale.ROOT));
        List<String> top = s.stream()
                .filter(k -> distance(g, k.toLowerCase(Locale.ROOT)) == best)
                .limit(3)
                .map(k -> "'" + k + "'")
                .toList();
        return " Did you mean " + String.join(" or ", top) + "?";
    }

    private static boolean isClose(String given, String known) {
        int limit = Math.max(2, Math.max(given.length(), known.length()) / 3);
        int prefix = Math.min(3, Math.min(given.length(), known.length()));
        return distance(given, known) <= limit
                || (prefix == 3 && (known.startsWith(given) || given.startsWith(known)));
    }

    /** Optimal string alignment distance: insertions, deletions, substitutions and adjacent swaps. */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
