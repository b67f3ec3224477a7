package dev.ablate.tasks.corpus;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The plain text of one verse of raw OSIS, as {@code mod2imp} prints it: words only, reading like
 * ordinary prose. SWORD's own plain-text rendering glues words where a tag stood between them, so
 * the markup is stripped here:
 *
 * <ul>
 *   <li>{@code <note>} elements go with everything inside them (footnotes and cross-references,
 *       which nest their own tags); a space takes their place.
 *   <li>{@code <title>} elements go too, unless {@code canonical="true"}: a Psalm's superscription
 *       is part of its first verse in both translations, an epistle's subscription
 *       ("Written from Rome ...") is not.
 *   <li>At {@code <transChange>} boundaries (words a translator added) a space goes in between two
 *       letters: RV 1909 writes {@code allí</w><transChange>también} for "allí también". The
 *       exception is a Spanish enclitic pronoun added to a verb, which joins it
 *       ({@code sáca</w><transChange>lo} is "sácalo"; see {@link #joinsHost}).
 *   <li>{@code </w>} adds no space: where a letter follows it directly, KJV has split one word
 *       between Strong's numbers ({@code give</w>n}).
 *   <li>Every other tag goes and its text stays; Strong's numbers and morphology live only in
 *       attributes, so they go with the tags.
 *   <li>XML entities are decoded; {@code ¶} and USFM markers that leaked into the text
 *       ({@code \nd}, {@code \+nd*}) are dropped; whitespace is collapsed and trimmed, and no space
 *       is left before {@code , . ; : ? !} or {@code )}, nor after {@code (}.
 * </ul>
 *
 * <p>No XML parser: a verse is a fragment with milestone tags that open in one verse and close in
 * another, so a small tag scanner does it.
 */
public final class OsisText {

    /** A removed note or title, the end of an added word: a space unless whitespace or an opening bracket is there. */
    private static final char GAP = '\u0001';
    /** The start of an added word: as {@link #GAP}, but an enclitic pronoun joins its verb. */
    private static final char EDGE = '\u0002';

    private static final Pattern MARKER = Pattern.compile("\\\\\\+?[a-z]+\\*?");
    private static final Pattern SPACES = Pattern.compile("\\s+");
    private static final Pattern SPACE_BEFORE = Pattern.compile(" ([,.;:?!)])");
    private static final Pattern SPACE_AFTER = Pattern.compile("\\( ");

    private static final String OPENING = "([{¿¡«“‘";
    /** Not "se": an added "se" starts a verb ("ejército se llamaba"), it does not end one. */
    private static final Set<String> ENCLITICS = Set.of("lo", "la", "los", "las", "le", "les", "me", "te", "nos", "os");
    /** Accented words that are not verbs: interrogatives and exclamatives ("¡cuánto nos ayudó!"). */
    private static final Set<String> NOT_HOSTS =
            Set.of("qué", "quién", "quiénes", "cuál", "cuáles", "cuándo", "cuánto", "cuánta", "cuántos",
                    "cuántas", "cuán", "cómo", "dónde", "adónde");
    /** Unaccented one-syllable verb forms that take enclitics in RV 1909 ("dalo", "diles", "hazlo", "helo"). */
    private static final Set<String> SHORT_VERBS = Set.of("da", "di", "haz", "he", "vi", "ve", "pon", "ten", "sal", "ven");

    private OsisText() {}

    /** The plain text of {@code osis}; empty when it holds no words (a verse left empty). */
    public static String plain(String osis) {
        String text = stripTags(osis);
        text = text.replace("¶", "");
        text = MARKER.matcher(text).replaceAll("");
        text = resolveGaps(text);
        text = SPACES.matcher(text).replaceAll(" ").strip();
        text = SPACE_BEFORE.matcher(text).replaceAll("$1");
        return SPACE_AFTER.matcher(text).replaceAll("(");
    }

    /** The text between tags, entities decoded, with {@link #GAP} and {@link #EDGE} marking boundaries. */
    private static String stripTags(String osis) {
        StringBuilder text = new StringBuilder(osis.length());
        int notes = 0;
        int droppedTitles = 0;
        Deque<Boolean> titles = new ArrayDeque<>(); // for each open <title>: is it dropped?
        int i = 0;
        while (i < osis.length()) {
            char c = osis.charAt(i);
            int end = c == '<' ? osis.indexOf('>', i) : -1;
            if (end < 0) {
                if (notes == 0 && droppedTitles == 0) {
                    i = appendText(osis, i, text);
                } else {
                    i++;
                }
                continue;
            }
            String tag = osis.substring(i, end + 1);
            i = end + 1;
            boolean closing = tag.startsWith("</");
            boolean empty = tag.endsWith("/>");
            String name = name(tag);
            if (name.equals("note") && !empty) {
                notes += closing ? -1 : 1;
                if (closing && notes <= 0) {
                    notes = 0;
                    if (droppedTitles == 0) {
                        text.append(GAP);
                    }
                }
            } else if (name.equals("title") && !empty) {
                if (!closing) {
                    boolean dropped = !tag.contains("canonical=\"true\"");
                    titles.push(dropped);
                    droppedTitles += dropped ? 1 : 0;
                } else if (!titles.isEmpty() && titles.pop()) {
                    droppedTitles--;
                    if (droppedTitles == 0 && notes == 0) {
                        text.append(GAP);
                    }
                }
            } else if (name.equals("transChange") && notes == 0 && droppedTitles == 0) {
                // Only the start of an added word can be an enclitic joining the word before.
                text.append(closing ? GAP : EDGE);
            }
        }
        return text.toString();
    }

    private static String name(String tag) {
        int start = tag.startsWith("</") ? 2 : 1;
        int end = start;
        while (end < tag.length() && !Character.isWhitespace(tag.charAt(end)) && "/>".indexOf(tag.charAt(end)) < 0) {
            end++;
        }
        return tag.substring(start, end);
    }

    /** Appends the character at {@code i}, or the entity starting there decoded; returns the next index. */
    private static int appendText(String osis, int i, StringBuilder text) {
        char c = osis.charAt(i);
        int semicolon = c == '&' ? osis.indexOf(';', i) : -1;
        if (semicolon > i && semicolon - i <= 10) {
            String entity = osis.substring(i + 1, semicolon);
            int decoded = decode(entity);
            if (decoded >= 0) {
                text.appendCodePoint(decoded);
                return semicolon + 1;
            }
        }
        text.append(c);
        return i + 1;
    }

    /** The code point of an entity's name ("amp", "#233", "#xE9"); -1 for one we do not know. */
    private static int decode(String entity) {
        try {
            int codePoint = switch (entity) {
                case "amp" -> '&';
                case "lt" -> '<';
                case "gt" -> '>';
                case "quot" -> '"';
                case "apos" -> '\'';
                default -> entity.startsWith("#x") || entity.startsWith("#X") ? Integer.parseInt(entity.substring(2), 16)
                        : entity.startsWith("#") ? Integer.parseInt(entity.substring(1)) : -1;
            };
            return Character.isValidCodePoint(codePoint) ? codePoint : -1;
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** Each {@link #GAP} and {@link #EDGE} becomes a space or nothing. */
    private static String resolveGaps(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c != GAP && c != EDGE) {
                out.append(c);
                continue;
            }
            char before = out.length() == 0 ? ' ' : out.charAt(out.length() - 1);
            char after = ' ';
            for (int j = i + 1; j < text.length(); j++) {
                if (text.charAt(j) != GAP && text.charAt(j) != EDGE) {
                    after = text.charAt(j);
                    break;
                }
            }
            // A space between two visible characters, unless the first opens a bracket or a question;
            // one before a comma or a closing bracket goes again in plain().
            boolean space = !Character.isWhitespace(before) && !Character.isWhitespace(after)
                    && OPENING.indexOf(before) < 0;
            if (space && c == EDGE && Character.isLetter(before) && Character.isLetter(after)
                    && joinsHost(out, nextWord(text, i + 1))) {
                space = false;
            }
            if (space) {
                out.append(' ');
            }
        }
        return out.toString();
    }

    private static String nextWord(String text, int from) {
        int i = from;
        while (i < text.length() && (text.charAt(i) == GAP || text.charAt(i) == EDGE)) {
            i++;
        }
        int start = i;
        while (i < text.length() && Character.isLetter(text.charAt(i))) {
            i++;
        }
        return text.substring(start, i);
    }

    /**
     * Whether {@code pronoun}, added by the translator right after the word that ends {@code before},
     * is an enclitic written joined to it: RV 1909 marks the pronoun of "sácalo", "díjole",
     * "tráemelo" as added. The host must look like a verb that takes enclitics: an infinitive
     * ({@code -r}), a plural imperative ({@code -d}), a gerund ({@code -ndo}), a form that carries a
     * written accent (the accent RV writes on "sáca" is the one "sácalo" needs), or one of a few
     * one-syllable verb forms ("da", "di", "haz", "he", "vi"). Not a host: an accented
     * interrogative ("cuánto nos ayudó"), or a capitalised word inside a sentence, a name
     * ("Jehová los acose", "Josué los circuncidó"). In KJV no added word ever touches a letter, so
     * this only ever decides Spanish.
     */
    private static boolean joinsHost(CharSequence before, String pronoun) {
        if (!ENCLITICS.contains(pronoun.toLowerCase(Locale.ROOT))) {
            return false;
        }
        int end = before.length();
        int start = end;
        while (start > 0 && Character.isLetter(before.charAt(start - 1))) {
            start--;
        }
        String host = before.subSequence(start, end).toString();
        String lower = host.toLowerCase(Locale.ROOT);
        if (host.isEmpty() || NOT_HOSTS.contains(lower)) {
            return false;
        }
        if (Character.isUpperCase(host.charAt(0)) && !startsSentence(before, start)) {
            return false;
        }
        return lower.endsWith("r") || lower.endsWith("d") || lower.endsWith("ndo")
                || lower.chars().anyMatch(ch -> "áéíóú".indexOf(ch) >= 0) || SHORT_VERBS.contains(lower);
    }

    private static boolean startsSentence(CharSequence text, int wordStart) {
        int i = wordStart - 1;
        while (i >= 0 && Character.isWhitespace(text.charAt(i))) {
            i--;
        }
        return i < 0 || ".;:?!¿¡(«“\"—".indexOf(text.charAt(i)) >= 0;
    }
}
