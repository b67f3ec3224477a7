package dev.ablate.reports.complexity;

import java.util.Locale;

/** Human-readable counts: FLOPs with decimal prefixes, bytes with binary ones. */
public final class Units {

    private static final String[] DECIMAL = {"", "k", "M", "G", "T", "P"};
    private static final String[] BINARY = {"B", "KiB", "MiB", "GiB", "TiB", "PiB"};

    private Units() {}

    /** {@code 83886080} to {@code "83.9 MFLOP"}. */
    public static String flops(double flops) {
        int i = 0;
        double v = flops;
        while (Math.abs(v) >= 1000 && i < DECIMAL.length - 1) {
            v /= 1000;
            i++;
        }
        return format(v) + " " + DECIMAL[i] + "FLOP";
    }

    /** {@code 11010048} to {@code "10.5 MiB"}. */
    public static String bytes(double bytes) {
        int i = 0;
        double v = bytes;
        while (Math.abs(v) >= 1024 && i < BINARY.length - 1) {
            v /= 1024;
            i++;
        }
        return format(v) + " " + BINARY[i];
    }

    /** About three significant digits, no exponent. */
    private static String format(double v) {
        double a = Math.abs(v);
        return String.format(Locale.ROOT, a >= 100 ? "%.0f" : a >= 10 ? "%.1f" : "%.2f", v);
    }
}
