package dev.ablate.reports.report;

import dev.ablate.reports.stats.Estimate;
import dev.ablate.reports.stats.PairedDelta;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Locale;

/** How numbers read in a report: four significant digits, thousands separated, no exponent. */
final class Numbers {

    private Numbers() {}

    static String format(double x) {
        if (Double.isNaN(x)) {
            return "–";
        }
        if (Double.isInfinite(x)) {
            return x > 0 ? "∞" : "−∞";
        }
        if (Math.abs(x) >= 1000) {
            return minus(String.format(Locale.ROOT, "%,.0f", x));
        }
        if (x == 0) {
            return "0";
        }
        return minus(new BigDecimal(x).round(new MathContext(4)).stripTrailingZeros().toPlainString());
    }

    static String signed(double x) {
        return (x > 0 ? "+" : "") + format(x);
    }

    /** {@code 0.912 ± 0.014}, or the mean alone for one seed. */
    static String meanStd(Estimate e) {
        if (e == null) {
            return "–";
        }
        return Double.isNaN(e.std()) ? format(e.mean()) : format(e.mean()) + " ± " + format(e.std());
    }

    /** {@code [0.89, 0.93]}, or an en dash without an interval. */
    static String interval(Estimate e) {
        return e == null || !e.hasInterval() ? "–" : "[" + format(e.low()) + ", " + format(e.high()) + "]";
    }

    /** {@code +0.52 [0.38, 0.66]}, {@code −0.01 [−0.05, 0.03] within noise}, {@code +0.5 (1 seed)}. */
    static String delta(PairedDelta d) {
        if (d == null) {
            return "–";
        }
        Estimate e = d.difference();
        String text = signed(e.mean());
        if (!e.hasInterval()) {
            return text + " (" + e.n() + " seed, no interval)";
        }
        return text + " " + interval(e) + (d.withinNoise() ? " within noise" : "");
    }

    /** Typographic minus, as in a paper. */
    private static String minus(String s) {
        return s.startsWith("-") ? "−" + s.substring(1) : s;
    }
}
