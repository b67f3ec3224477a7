package dev.ablate.tasks;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** How a text becomes tokens (and tokens a text again). */
public enum Tokenization {
    /** Every Unicode code point is a token, whitespace and line breaks included; tokens join with "". */
    @JsonProperty("char") CHAR,
    /** Tokens are the runs of non-whitespace characters; they join with one space. */
    @JsonProperty("word") WORD,
    /**
     * Tokens are separated by single spaces (the synthetic tasks' format, e.g. {@code "3 0 12"}); empty
     * tokens (from consecutive spaces) are dropped; tokens join with one space.
     */
    @JsonProperty("symbols") SYMBOLS,
    /**
     * Subwords learned by byte-pair encoding on the training split ({@link BytePairEncoding}); only a
     * vocabulary that holds the learned merges can split a text, so {@link #split} refuses. Tokens join
     * by concatenation, the word marker {@code ▁} read as a space.
     */
    @JsonProperty("bpe") BPE;

    /** The JSON name: {@code char}, {@code word}, {@code symbols} or {@code bpe}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The tokenization with JSON name {@code label}; {@code IllegalArgumentException} for any other name. */
    public static Tokenization fromLabel(String label) {
        for (Tokenization t : values()) {
            if (t.label().equals(label)) {
                return t;
            }
        }
        throw new IllegalArgumentException("unknown tokenization '" + label + "'; expected char, word, symbols or bpe");
    }

    /** Splits {@code text} into tokens; not for {@link #BPE}, which needs its merges ({@link Vocabulary#encode(String)}). */
    public List<String> split(String text) {
        return switch (this) {
            case CHAR -> text.codePoints().mapToObj(Character::toString).toList();
            case WORD -> words(text);
            case SYMBOLS -> symbols(text);
            case BPE -> throw new UnsupportedOperationException("bpe splits with its learned merges: use Vocabulary.encode");
        };
    }

    /**
     * Joins tokens back into a text: {@code ""} between characters, one space between words or symbols;
     * subwords are concatenated, each word marker a space ({@link BytePairEncoding#join}).
     */
    public String join(List<String> tokens) {
        return switch (this) {
            case CHAR -> String.join("", tokens);
            case WORD, SYMBOLS -> String.join(" ", tokens);
            case BPE -> BytePairEncoding.join(tokens);
        };
    }

    /** Why {@code token} could never come out of {@link #split}, or null if it can. */
    String problemWith(String token) {
        if (token.isEmpty()) {
            return "a token must not be empty";
        }
        return switch (this) {
            case CHAR -> token.codePointCount(0, token.length()) == 1
                    ? null : "'" + token + "' is not a single character (tokenization char)";
            case WORD, BPE -> token.codePoints().anyMatch(Character::isWhitespace)
                    ? "'" + token + "' contains whitespace (tokenization " + label() + ")" : null;
            case SYMBOLS -> token.indexOf(' ') >= 0
                    ? "'" + token + "' contains a space (tokenization symbols)" : null;
        };
    }

    private static List<String> words(String text) {
        List<String> out = new ArrayList<>();
        int start = -1;
        int i = 0;
        while (i < text.length()) {
            int cp = text.codePointAt(i);
            if (Character.isWhitespace(cp)) {
                if (start >= 0) {
                    out.add(text.substring(start, i));
                    start = -1;
                }
            } else if (start < 0) {
                start = i;
            }
            i += Character.charCount(cp);
        }
        if (start >= 0) {
            out.add(text.substring(start));
        }
        return out;
    }

    private static List<String> symbols(String text) {
        List<String> out = new ArrayList<>();
        for (String s : text.split(" ", -1)) {
            if (!s.isEmpty()) {
                out.add(s);
            }
        }
        return out;
    }
}
