package dev.ablate.tasks.corpus;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** OSIS to plain text, construct by construct; the OSIS is as mod2imp prints KJV and RV 1909. */
final class TestOsisText {

    @Test
    void strongsNumbersGoWithTheirTags() {
        assertThat(OsisText.plain("In the <w lemma=\"strong:H7225\">beginning</w> <w lemma=\"strong:H0430\">God</w> "
                + "<w lemma=\"strong:H1254\">created</w> the <w lemma=\"strong:H8064\">heaven</w>."))
                .isEqualTo("In the beginning God created the heaven.");
    }

    @Test
    void kjvGenesis1v2ReadsAsPrinted() {
        String osis = "And the <w lemma=\"strong:H0776\">earth</w> <w lemma=\"strong:H1961\">was</w> without "
                + "<w lemma=\"strong:H8414\">form</w>, and <w lemma=\"strong:H0922\">void</w>; and "
                + "<w lemma=\"strong:H2822\">darkness</w> <transChange type=\"added\">was</transChange> upon the "
                + "<w lemma=\"strong:H6440\">face</w> of the <w lemma=\"strong:H8415\">deep</w>. And the "
                + "<w lemma=\"strong:H7307\">Spirit</w> of <w lemma=\"strong:H0430\">God</w> "
                + "<w lemma=\"strong:H7363\">moved</w> <w lemma=\"strong:H5921\">upon</w> the "
                + "<w lemma=\"strong:H6440\">face</w> of the <w lemma=\"strong:H4325\">waters</w>.  "
                + "<div eID=\"gen3\" type=\"x-p\"/>";
        assertThat(OsisText.plain(osis)).isEqualTo("And the earth was without form, and void; and darkness was upon "
                + "the face of the deep. And the Spirit of God moved upon the face of the waters.");
    }

    @Test
    void notesGoWithEverythingInsideThem() {
        assertThat(OsisText.plain("the <w>darkness</w>.<note placement=\"foot\"><reference type=\"annotateRef\">1.4 "
                + "</reference>the light from…: Heb. between the light</note>"))
                .isEqualTo("the darkness.");
        // Nested tags and a USFM marker inside the note; the text goes on after it.
        assertThat(OsisText.plain("I am the <divineName><w>LORD</w></divineName>:<note placement=\"foot\">"
                + "<reference type=\"annotateRef\">6.2 </reference>the <divineName>LORD\\+nd*: or, <seg type=\"x-nested\">"
                + "<divineName>JEHOVAH</divineName></seg></note> and I appeared"))
                .isEqualTo("I am the LORD: and I appeared");
        // A note between two words leaves a space; before a comma it leaves none.
        assertThat(OsisText.plain("<w>Choose</w><note>Heb. Take</note><w>thee</w>")).isEqualTo("Choose thee");
        assertThat(OsisText.plain("<w>thee</w><note>Heb. Take to thee</note>, and")).isEqualTo("thee, and");
        assertThat(OsisText.plain("the end.<note>a</note>And then")).isEqualTo("the end. And then");
    }

    @Test
    void nonCanonicalTitlesGoCanonicalOnesStay() {
        assertThat(OsisText.plain("<title canonical=\"true\" type=\"psalm\">A <w>Psalm</w> of <w>David</w>.</title> "
                + "<lg sID=\"gen2600\"/> <l level=\"1\" sID=\"gen2601\"/><divineName><w>LORD</w></divineName>, how are "
                + "they increased"))
                .isEqualTo("A Psalm of David. LORD, how are they increased");
        assertThat(OsisText.plain("<w>spirit</w>. <w>Amen</w>.<title>Unto the Galatians written from Rome.</title> "
                + "<chapter eID=\"Gal.6\"/>"))
                .isEqualTo("spirit. Amen.");
        assertThat(OsisText.plain("<title><foreign>ב BETH.</foreign></title> <lg sID=\"g1\"/>Wherewithal shall"))
                .isEqualTo("Wherewithal shall");
    }

    @Test
    void addedWordsAreSpacedFromTheirNeighbours() {
        assertThat(OsisText.plain("<w>allí</w><transChange type=\"added\">también</transChange> <w>bdelio</w>"))
                .isEqualTo("allí también bdelio");
        assertThat(OsisText.plain("<w>es</w><transChange type=\"added\">su</transChange><w>nombre</w>"))
                .isEqualTo("es su nombre");
        assertThat(OsisText.plain("<w>Dios</w> (<transChange type=\"added\">dijo ella</transChange>) <w>me ha</w>"))
                .isEqualTo("Dios (dijo ella) me ha");
        assertThat(OsisText.plain("<w>Y mi familia</w> ¿<transChange type=\"added\">no es</transChange> "
                + "<w>la más pequeña</w>?"))
                .isEqualTo("Y mi familia ¿no es la más pequeña?");
    }

    @Test
    void anAddedEncliticJoinsItsVerbButNotOtherWords() {
        assertThat(OsisText.plain("<w>sáca</w><transChange type=\"added\">lo</transChange> <w>de</w>"))
                .isEqualTo("sácalo de");
        assertThat(OsisText.plain("<w>pagar</w><transChange type=\"added\">la</transChange>.")).isEqualTo("pagarla.");
        assertThat(OsisText.plain("dijo: <w>Dad</w><transChange type=\"added\">nos</transChange> <w>esos</w>"))
                .isEqualTo("dijo: Dadnos esos");
        assertThat(OsisText.plain("él <w>no</w><transChange type=\"added\">lo</transChange><w>hizo</w>"))
                .isEqualTo("él no lo hizo");
        assertThat(OsisText.plain("en su lugar, <w>Josué</w><transChange type=\"added\">los</transChange> circuncidó"))
                .isEqualTo("en su lugar, Josué los circuncidó");
        assertThat(OsisText.plain("¡y <w>cuánto</w><transChange type=\"added\">nos</transChange><w>ayudó</w>!"))
                .isEqualTo("¡y cuánto nos ayudó!");
        assertThat(OsisText.plain("<w>su ejército</w><transChange type=\"added\">se llamaba</transChange> <w>Sísara</w>"))
                .isEqualTo("su ejército se llamaba Sísara");
        assertThat(OsisText.plain("<w>Dígan</w><transChange type=\"added\">lo</transChange><w>los redimidos</w>"))
                .isEqualTo("Díganlo los redimidos");
    }

    @Test
    void aWordSplitBetweenStrongsNumbersStaysOneWord() {
        assertThat(OsisText.plain("it shall be <w lemma=\"strong:H5414\">give</w>n you")).isEqualTo("it shall be given you");
    }

    @Test
    void entitiesAreDecoded() {
        assertThat(OsisText.plain("a &amp; b &lt;c&gt; &quot;d&quot; &apos;e&apos; caf&#233; caf&#xE9; &bogus; & f"))
                .isEqualTo("a & b <c> \"d\" 'e' café café &bogus; & f");
        assertThat(OsisText.plain("&#1114112; &#xZZ;")).isEqualTo("&#1114112; &#xZZ;");
    }

    @Test
    void pilcrowsAndUsfmMarkersGo() {
        assertThat(OsisText.plain("<div sID=\"gen5\" type=\"x-p\"/>¶ And the \\nd <w>LORD</w></divineName> said"))
                .isEqualTo("And the LORD said");
    }

    @Test
    void whitespaceIsCollapsedAndTrimmed() {
        assertThat(OsisText.plain("  And\tGod\nsaid ,  Let  ")).isEqualTo("And God said, Let");
    }

    @Test
    void aVerseOfMilestonesOnlyIsEmpty() {
        assertThat(OsisText.plain("<chapter eID=\"Jonah.1\"/><div eID=\"gen923\" type=\"x-p\"/>")).isEmpty();
        assertThat(OsisText.plain("")).isEmpty();
    }
}
