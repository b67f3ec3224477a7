package dev.ablate.reports.complexity;

import java.util.Locale;

/** Human-readable counts: FLOPs with decimal prefixes, bytes with binary ones. */
public final class Units {

    private static final String[] DECIMAL = {"", "k", "M", "G", "T", "P"};
    private static final String[] BINARY = {"B", "KiB", "MiB", "GiB", "TiB", "PiB"};

    private Units() {}

    /** {@code 83886080} to {@code "83.9 MFLOP"}. */
    public static String flops(double flops) {
        return scaled(flops, 1000, DECIMAL) + "FLOP";
    }

    /** {@code 11010048} to {@code "10.5 MiB"}. */
    public static String bytes(double bytes) {
        return scaled(bytes, 1024, BINARY);
    }

    /** {@code value} divided by {@code step} until below it, with the prefix of how often. */
    private static String scaled(double value, double step, String[] prefixes) {
        int i = 0;
        double v = value;
        while (Math.abs(v) >= step && i < prefixes.length - 1) {
            v /= step;
            i++;
        }
        return format(v) + " " + prefixes[i];
    }

    /** About three significant digits, no exponent. */
    private static String format(double v) {
        double a = Math.abs(v);
        return String.format(Locale.ROOT, a >= 100 ? "%.0f" : a >= 10 ? "%.1f" : "%.2f", v);
    }
}
