package dev.ablate.core.spi;

/** The rules config records check in their compact constructors, with messages users can act on. */
public final class ConfigCheck {

    private ConfigCheck() {}

    public static int atLeast(String parameter, int value, int min) {
        if (value < min) {
            throw new InvalidConfigException(parameter, "must be >= " + min, value);
        }
        return value;
    }

    public static double positive(String parameter, double value) {
        if (!(value > 0) || Double.isInfinite(value)) {
            throw new InvalidConfigException(parameter, "must be a finite number > 0", value);
        }
        return value;
    }

    /** A probability that is allowed to be 0 but not 1, such as a dropout rate. */
    public static double fraction(String parameter, double value) {
        if (!(value >= 0 && value < 1)) {
            throw new InvalidConfigException(parameter, "must be in [0, 1)", value);
        }
        return value;
    }

    /** {@code divisor} must divide {@code dividend} evenly (e.g. heads must divide dModel). */
    public static void divides(String parameter, int divisor, String dividendName, int dividend) {
        if (divisor > 0 && dividend % divisor != 0) {
            throw new InvalidConfigException(
                    parameter, "must divide " + dividendName + " (" + dividend + ") evenly", divisor);
        }
    }
}
