package dev.ablate.tasks.corpus;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the dump {@code mod2imp MODULE} prints: a header line {@code $$$Book C:V} before each
 * entry ({@code $$$Genesis 1:1}, {@code $$$Song of Solomon 2:3}, {@code $$$I Kings 3:4}), then the
 * entry's raw OSIS on the lines up to the next header.
 */
public final class ImpReader {

    private static final String HEADER = "$$$";
    private static final Pattern VERSE = Pattern.compile("(.+) (\\d{1,5}):(\\d{1,5})");

    private ImpReader() {}

    /**
     * The verses of {@code imp} in the order of the dump (the Bible's), with their raw OSIS.
     * Entries that are not verses are left out: bracketed headings ({@code $$$[ Module Heading ]}),
     * book introductions ({@code Genesis 0:0}) and chapter headings ({@code Genesis 1:0}), which
     * hold only milestones and titles.
     */
    public static List<Verse> read(String imp) {
        List<Verse> verses = new ArrayList<>();
        Matcher current = null;
        StringBuilder text = new StringBuilder();
        for (String line : imp.split("\r?\n", -1)) {
            if (line.startsWith(HEADER)) {
                add(verses, current, text);
                Matcher m = VERSE.matcher(line.substring(HEADER.length()).strip());
                current = m.matches() ? m : null;
                text.setLength(0);
            } else if (current != null) {
                if (text.length() > 0) {
                    text.append('\n');
                }
                text.append(line);
            }
        }
        add(verses, current, text);
        return verses;
    }

    private static void add(List<Verse> verses, Matcher header, StringBuilder text) {
        if (header == null) {
            return;
        }
        int chapter = Integer.parseInt(header.group(2));
        int verse = Integer.parseInt(header.group(3));
        if (chapter > 0 && verse > 0) {
            verses.add(new Verse(header.group(1), chapter, verse, text.toString().strip()));
        }
    }
}
