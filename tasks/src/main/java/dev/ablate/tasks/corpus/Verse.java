package dev.ablate.tasks.corpus;

/** One verse of a SWORD module: where it is, and its text (raw OSIS or plain, as the holder says). */
public record Verse(String book, int chapter, int verse, String text) {

    /** {@code "Genesis 1:1"}: the book as SWORD names it in English, chapter and verse. */
    public String reference() {
        return book + " " + chapter + ":" + verse;
    }

    /** {@code "Genesis 1"}. */
    public String chapterReference() {
        return book + " " + chapter;
    }
}
