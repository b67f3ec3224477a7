package dev.ablate.tasks.metrics;

import java.util.regex.Pattern;

/**
 * sacreBLEU's default BLEU tokenizer, {@code 13a}: the tokenization of WMT's mteval-v13a.pl as
 * sacrebleu 2.6.0 implements it ({@code tokenizers/tokenizer_13a.py}, then {@code tokenizer_re.py}).
 * Every step, and its order, follows that code, because BLEU scores are only comparable across
 * papers when the tokenization is bit-for-bit the same.
 */
public final class Tokenizer13a {

    /**
     * sacreBLEU's {@code [\{-\~\[-\` -\&\(-\+\:-\@\/]}: ASCII punctuation except {@code ' , - .}
     * (and the space, which is harmless); written with code points because several of these
     * characters mean something inside a Java character class.
     */
    private static final Pattern SYMBOL =
            Pattern.compile("([\\x7B-\\x7E\\x5B-\\x60\\x20-\\x26\\x28-\\x2B\\x3A-\\x40\\x2F])");
    /** Periods and commas are split off unless they sit between digits ("1,000.5" stays one token). */
    private static final Pattern PERIOD_COMMA_AFTER_NON_DIGIT = Pattern.compile("([^0-9])([.,])");
    private static final Pattern PERIOD_COMMA_BEFORE_NON_DIGIT = Pattern.compile("([.,])([^0-9])");
    private static final Pattern DASH_AFTER_DIGIT = Pattern.compile("([0-9])(-)");

    private Tokenizer13a() {}

    /**
     * Tokenizes one segment and returns its tokens joined by single spaces, with no leading or
     * trailing space: {@code "Hello, world!"} becomes {@code "Hello , world !"}. BLEU then splits
     * the result on whitespace.
     */
    public static String tokenize(String line) {
        String s = line.replace("<skipped>", "")
                .replace("-\n", "")
                .replace("\n", " ");
        // The order matters and is mteval's: "&amp;lt;" becomes "&lt;" and then "<".
        s = s.replace("&quot;", "\"")
                .replace("&amp;", "&")
                .replace("&lt;", "<")
                .replace("&gt;", ">");
        s = " " + s + " ";
        s = SYMBOL.matcher(s).replaceAll(" $1 ");
        s = PERIOD_COMMA_AFTER_NON_DIGIT.matcher(s).replaceAll("$1 $2 ");
        s = PERIOD_COMMA_BEFORE_NON_DIGIT.matcher(s).replaceAll(" $1 $2");
        s = DASH_AFTER_DIGIT.matcher(s).replaceAll("$1 $2 ");
        return String.join(" ", PyText.split(s));
    }
}
