package dev.ablate.tasks.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * sacreBLEU's 13a tokenizer. Every expected string was produced by sacrebleu 2.6.0:
 * {@code sacrebleu.tokenizers.tokenizer_13a.Tokenizer13a()(line)}.
 */
final class TestTokenizer13a {

    @Test
    void punctuationBecomesSeparateTokens() {
        assertThat(Tokenizer13a.tokenize("Hello, world!")).isEqualTo("Hello , world !");
        assertThat(Tokenizer13a.tokenize("don't (hi) [x] {y} a/b @home #1 100%"))
                .isEqualTo("don't ( hi ) [ x ] { y } a / b @ home # 1 100 %");
    }

    @Test
    void periodsAndCommasStayInsideNumbersOnly() {
        assertThat(Tokenizer13a.tokenize("It costs $1,000.50.")).isEqualTo("It costs $ 1,000.50 .");
        assertThat(Tokenizer13a.tokenize("Pi is 3.14, not 3,14; see e.g. the U.S. table."))
                .isEqualTo("Pi is 3.14 , not 3,14 ; see e . g . the U . S . table .");
        assertThat(Tokenizer13a.tokenize("x.y 1.a a.1 .5 5. ,5"))
                .isEqualTo("x . y 1 . a a . 1 . 5 5 . , 5");
    }

    @Test
    void aDashIsSplitOffOnlyAfterADigit() {
        assertThat(Tokenizer13a.tokenize("9-5 pm, a well-known -- dash - here 2-3"))
                .isEqualTo("9 - 5 pm , a well-known -- dash - here 2 - 3");
    }

    @Test
    void htmlEntitiesAreDecodedInMtevalsOrder() {
        assertThat(Tokenizer13a.tokenize("&quot;quoted&quot; &amp; &lt;tag&gt;"))
                .isEqualTo("\" quoted \" & < tag >");
        // &amp; is decoded after &quot; but before &lt;, so one double-escaped entity survives and
        // the other does not.
        assertThat(Tokenizer13a.tokenize("&amp;lt; &amp;quot;")).isEqualTo("< & quot ;");
    }

    @Test
    void skippedMarkersLineBreaksAndHyphenatedLineEnds() {
        assertThat(Tokenizer13a.tokenize("well-\nknown\nline<skipped> end")).isEqualTo("wellknown line end");
    }

    @Test
    void whitespaceIsPythonsIncludingNonBreakingSpaces() {
        assertThat(Tokenizer13a.tokenize("a\u00a0b\u2007c\u202fd")).isEqualTo("a b c d");
        assertThat(Tokenizer13a.tokenize("")).isEmpty();
        assertThat(Tokenizer13a.tokenize("   ")).isEmpty();
    }

    @Test
    void nonAsciiLettersAndPunctuationAreLeftAlone() {
        // Only ASCII punctuation is split off: the inverted question mark stays on its word.
        assertThat(Tokenizer13a.tokenize("¿Dónde está?")).isEqualTo("¿Dónde está ?");
    }
}
