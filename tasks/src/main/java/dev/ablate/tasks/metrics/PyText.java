package dev.ablate.tasks.metrics;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;

/**
 * The Python string operations sacreBLEU's results depend on: {@code str.isspace},
 * {@code str.split()} and {@code str.rstrip()}, and the {@code f"{x:.2f}"} its scores print with. Java's {@code Character.isWhitespace} and
 * {@code String.strip} disagree with Python on U+0085, U+00A0, U+2007 and U+202F, which would change
 * token counts (and chrF's character n-grams) on text with non-breaking spaces.
 */
final class PyText {

    private PyText() {}

    /** Python's {@code str.isspace()} for one code point (the set is fixed since Unicode 6.3). */
    static boolean isSpace(int cp) {
        return switch (cp) {
            case 0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0x1C, 0x1D, 0x1E, 0x1F, 0x20, 0x85, 0xA0, 0x1680,
                    0x2028, 0x2029, 0x202F, 0x205F, 0x3000 -> true;
            default -> cp >= 0x2000 && cp <= 0x200A;
        };
    }

    /** Python's {@code s.split()}: runs of whitespace separate words, and there are no empty words. */
    static List<String> split(String s) {
        List<String> words = new ArrayList<>();
        int start = -1;
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            if (isSpace(cp)) {
                if (start >= 0) {
                    words.add(s.substring(start, i));
                    start = -1;
                }
            } else if (start < 0) {
                start = i;
            }
            i += Character.charCount(cp);
        }
        if (start >= 0) {
            words.add(s.substring(start));
        }
        return words;
    }

    /** Python's {@code s.rstrip()}. */
    static String rstrip(String s) {
        int end = s.length();
        while (end > 0) {
            int cp = s.codePointBefore(end);
            if (!isSpace(cp)) {
                break;
            }
            end -= Character.charCount(cp);
        }
        return s.substring(0, end);
    }

    /**
     * The code points of {@code ''.join(s.split())}: Python indexes strings by code point, so chrF's
     * character n-grams count a character outside the BMP (an emoji) as one character, not two.
     */
    static int[] codePointsWithoutSpace(String s) {
        return s.codePoints().filter(cp -> !isSpace(cp)).toArray();
    }

    /**
     * Python's {@code f"{value:.<decimals>f}"}: the exact binary value rounded half to even, so a score
     * prints as sacreBLEU prints it ({@code String.format} rounds half up and would differ on ties).
     */
    static String fixed(double value, int decimals) {
        return new BigDecimal(value).setScale(decimals, RoundingMode.HALF_EVEN).toPlainString();
    }
}
