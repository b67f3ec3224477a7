package dev.ablate.tasks.corpus;

import java.util.Map;
import java.util.Optional;

/**
 * A few verses of KJV and RV 1909 as mod2imp dumps them, cut down from the real modules: Strong's
 * tags, a note, an added word, titles, ¶, \nd; RV's Spanish numbering of Jonah 1–2 (KJV 1:17 is
 * its 2:1, so Jonah 1:17 is empty and all of Jonah 2 is one verse off); and Acts 19:41, which the
 * Spanish dump lacks. Eight pairs survive: Genesis 1:1–5, Psalms 3:1–2, Galatians 6:18.
 */
final class BibleFixture {

    static final String KJV = """
            $$$[ Module Heading ]

            $$$[ Testament 1 Heading ]
            <milestone type="x-importer" subType="x-osis2mod" n="$Rev: 3769 $ (SWORD: 1.9.0)"/>
            $$$Genesis 0:0
            <div canonical="true" osisID="Gen" sID="gen2" type="book"/> <title level="1" type="main">The First Book of Moses, called Genesis</title> <div sID="gen3" type="x-p"/>
            $$$Genesis 1:0
            <chapter n="1" osisID="Gen.1" sID="Gen.1"/>
            $$$Genesis 1:1
            In the <w lemma="strong:H7225">beginning</w> <w lemma="strong:H0430">God</w> <w lemma="strong:H1254">created</w> the <w lemma="strong:H8064">heaven</w> <w lemma="strong:H0853">and</w> the <w lemma="strong:H0776">earth</w>.
            $$$Genesis 1:2
            And the <w lemma="strong:H0776">earth</w> <w lemma="strong:H1961">was</w> without <w lemma="strong:H8414">form</w>, and <w lemma="strong:H0922">void</w>; and <w lemma="strong:H2822">darkness</w> <transChange type="added">was</transChange> upon the <w lemma="strong:H6440">face</w> of the <w lemma="strong:H8415">deep</w>. And the <w lemma="strong:H7307">Spirit</w> of <w lemma="strong:H0430">God</w> <w lemma="strong:H7363">moved</w> <w lemma="strong:H5921">upon</w> the <w lemma="strong:H6440">face</w> of the <w lemma="strong:H4325">waters</w>.  <div eID="gen3" type="x-p"/>
            $$$Genesis 1:3
            <div sID="gen4" type="x-p"/>¶ And <w lemma="strong:H0430">God</w> <w lemma="strong:H0559">said</w>, Let there <w lemma="strong:H1961">be</w> <w lemma="strong:H0216">light</w>: and there was <w lemma="strong:H0216">light</w>.
            $$$Genesis 1:4
            And <w lemma="strong:H0430">God</w> <w lemma="strong:H7200">saw</w> the <w lemma="strong:H0216">light</w>, <w lemma="strong:H3588">that</w> <transChange type="added">it was</transChange> <w lemma="strong:H2896">good</w>: and <w lemma="strong:H0430">God</w> <w lemma="strong:H0914">divided</w> the <w lemma="strong:H0216">light</w> <w lemma="strong:H0996">from</w> the <w lemma="strong:H2822">darkness</w>.<note placement="foot"><reference type="annotateRef">1.4 </reference>the light from…: Heb. between the light and between the darkness</note>
            $$$Genesis 1:5
            And <w lemma="strong:H0430">God</w> <w lemma="strong:H7121">called</w> the <w lemma="strong:H0216">light</w> <w lemma="strong:H3117">Day</w>, and the <w lemma="strong:H2822">darkness</w> he <w lemma="strong:H7121">called</w> <w lemma="strong:H3915">Night</w>.
            And the <w lemma="strong:H6153">evening</w> and the <w lemma="strong:H1242">morning</w> were the <w lemma="strong:H0259">first</w> <w lemma="strong:H3117">day</w>.
            $$$Psalms 3:0
            <chapter n="3" osisID="Ps.3" sID="Ps.3"/>
            $$$Psalms 3:1
            <title canonical="true" type="psalm">A <w lemma="strong:H4210">Psalm</w> of <w lemma="strong:H1732">David</w>, when he <w lemma="strong:H1272">fled</w> <w lemma="strong:H6440">from</w> <w lemma="strong:H0053">Absalom</w> his <w lemma="strong:H1121">son</w>.</title> <lg sID="gen2600"/> <l level="1" sID="gen2601"/>\\nd <w lemma="strong:H3068">LORD</w></divineName>, how are they <w lemma="strong:H7231">increased</w> that <w lemma="strong:H6862">trouble</w> me! <w lemma="strong:H7227">many</w> <transChange type="added">are</transChange> they that rise <w lemma="strong:H6965">up</w> against me.
            $$$Psalms 3:2
            Many <transChange type="added">there be</transChange> which say of my soul, <transChange type="added">There is</transChange> no help for him in God. Selah.
            $$$Jonah 1:15
            So they took up Jonah, and cast him forth into the sea: and the sea ceased from her raging.
            $$$Jonah 1:16
            Then the men feared the LORD exceedingly, and offered a sacrifice unto the LORD, and made vows.
            $$$Jonah 1:17
            Now the LORD had prepared a great fish to swallow up Jonah. And Jonah was in the belly of the fish three days and three nights.
            $$$Jonah 2:1
            Then Jonah prayed unto the LORD his God out of the fish’s belly,
            $$$Jonah 2:2
            And said, I cried by reason of mine affliction unto the LORD, and he heard me; out of the belly of hell cried I, and thou heardest my voice.
            $$$Jonah 2:3
            For thou hadst cast me into the deep, in the midst of the seas; and the floods compassed me about: all thy billows and thy waves passed over me.
            $$$Jonah 2:4
            Then I said, I am cast out of thy sight; yet I will look again toward thy holy temple.
            $$$Jonah 2:5
            The waters compassed me about, even to the soul: the depth closed me round about, the weeds were wrapped about my head.
            $$$Jonah 2:6
            I went down to the bottoms of the mountains; the earth with her bars was about me for ever: yet hast thou brought up my life from corruption, O LORD my God.
            $$$Jonah 2:7
            When my soul fainted within me I remembered the LORD: and my prayer came in unto thee, into thine holy temple.
            $$$Jonah 2:8
            They that observe lying vanities forsake their own mercy.
            $$$Jonah 2:9
            But I will sacrifice unto thee with the voice of thanksgiving; I will pay that that I have vowed. Salvation is of the LORD.
            $$$Jonah 2:10
            And the LORD spake unto the fish, and it vomited out Jonah upon the dry land.
            $$$Acts 19:40
            For we are in danger to be called in question for this day’s uproar, there being no cause whereby we may give an account of this concourse.
            $$$Acts 19:41
            And when he had thus spoken, he dismissed the assembly.
            $$$Galatians 6:18
            Brethren, the <w lemma="strong:G5485">grace</w> of our <w lemma="strong:G2962">Lord</w> Jesus Christ <transChange type="added">be</transChange> with your <w lemma="strong:G4151">spirit</w>. <w lemma="strong:G0281">Amen</w>.<title>Unto the Galatians written from Rome.</title>
            """;

    static final String RV = """
            $$$[ Module Heading ]

            $$$Genesis 0:0
            <title level="1" type="main">Génesis</title>
            $$$Genesis 1:0
            <chapter n="1" osisID="Gen.1" sID="Gen.1"/>
            $$$Genesis 1:1
            <w lemma="strong:H7225">EN el principio</w> <w lemma="strong:H1254">crió</w> <w lemma="strong:H0430">Dios</w> <w lemma="strong:H8064">los cielos</w> <w lemma="strong:H0776">y la tierra</w>.
            $$$Genesis 1:2
            <w lemma="strong:H0776">Y la tierra</w> <w lemma="strong:H1961">estaba</w> <w lemma="strong:H8414">desordenada</w> <w lemma="strong:H0922">y vacía</w>, y las tinieblas estaban sobre la haz del abismo, y el Espíritu de Dios se movía sobre la haz de las aguas.
            $$$Genesis 1:3
            <w lemma="strong:H0559">Y dijo</w> <w lemma="strong:H0430">Dios</w>: Sea la luz: y fué la luz.
            $$$Genesis 1:4
            Y vió Dios que la luz era buena: y apartó Dios la luz de las tinieblas.
            $$$Genesis 1:5
            Y llamó Dios á la luz Día, y á las tinieblas llamó Noche: y fué la tarde y la mañana un día.
            $$$Psalms 3:1
            <w lemma="strong:H4210">Salmo</w> <w lemma="strong:H1732">de David</w>, <w lemma="strong:H1272">cuando huía</w> de delante de Absalom su hijo. ¡<w lemma="strong:H1121">OH</w> Jehová, cuánto se han multiplicado mis enemigos! muchos se levantan contra mí.
            $$$Psalms 3:2
            Muchos dicen de mi vida: No hay para él salud en Dios. (<w lemma="strong:H5542">Selah</w>.)
            $$$Jonah 1:15
            <w lemma="strong:H5375">Y tomaron</w> <w lemma="strong:H3124">á Jonás</w>, <w lemma="strong:H0413">y echáronlo á</w> <w lemma="strong:H3220">la mar</w>; <w lemma="strong:H3220">y la mar</w> <w lemma="strong:H5975">se quietó</w> <w lemma="strong:H2197">de su furia</w>.
            $$$Jonah 1:16
            Y temieron aquellos hombres á Jehová con gran temor; y ofrecieron sacrificio á Jehová, y prometieron votos.
            $$$Jonah 1:17
            <chapter eID="Jonah.1"/><div eID="gen923" type="x-p"/>
            $$$Jonah 2:0
            <div sID="gen924" type="x-p"/><chapter n="2" osisID="Jonah.2" sID="Jonah.2"/>
            $$$Jonah 2:1
            MAS Jehová había prevenido un gran pez que tragase á Jonás: y estuvo Jonás en el vientre del pez tres días y tres noches.
            $$$Jonah 2:2
            Y oró Jonás desde el vientre del pez á Jehová su Dios,
            $$$Jonah 2:3
            Y dijo: Clamé de mi tribulación á Jehová, y él me oyó; del vientre del sepulcro clamé, y mi voz oiste.
            $$$Jonah 2:4
            Echásteme en el profundo, en medio de los mares, y rodeóme la corriente; todas tus ondas y tus olas pasaron sobre mí.
            $$$Jonah 2:5
            Y yo dije: Echado soy de delante de tus ojos: mas aun veré tu santo templo.
            $$$Jonah 2:6
            Las aguas me rodearon hasta el alma, rodeóme el abismo; la ova se enredó á mi cabeza.
            $$$Jonah 2:7
            Descendí á las raíces de los montes; la tierra echó sus cerraduras sobre mí para siempre: mas tú sacaste mi vida de la sepultura, oh Jehová Dios mío.
            $$$Jonah 2:8
            Cuando mi alma desfallecía en mí, acordéme de Jehová; y mi oración entró hasta ti en tu santo templo.
            $$$Jonah 2:9
            Los que guardan las vanidades ilusorias, su misericordia abandonan.
            $$$Jonah 2:10
            Yo empero con voz de alabanza te sacrificaré; pagaré lo que prometí. La salvación pertenece á Jehová. Y mandó Jehová al pez, y vomitó á Jonás en tierra.
            $$$Acts 19:40
            Porque peligro hay de que seamos argüidos de sedición por hoy, no habiendo ninguna causa por la cual podamos dar razón de este concurso. Y habiendo dicho esto, despidió la concurrencia.
            $$$Galatians 6:18
            <w lemma="strong:G0080">Hermanos</w>, la gracia de nuestro Señor Jesucristo sea con vuestro espíritu. Amén.
            """;

    /** The pairs that survive, in order, as train/valid/test lines say them. */
    static final String[] KEPT = {
        "In the beginning God created the heaven and the earth.\tEN el principio crió Dios los cielos y la tierra.",
        "And the earth was without form, and void; and darkness was upon the face of the deep. And the Spirit of God "
                + "moved upon the face of the waters.\tY la tierra estaba desordenada y vacía, y las tinieblas estaban "
                + "sobre la haz del abismo, y el Espíritu de Dios se movía sobre la haz de las aguas.",
        "And God said, Let there be light: and there was light.\tY dijo Dios: Sea la luz: y fué la luz.",
        "And God saw the light, that it was good: and God divided the light from the darkness.\tY vió Dios que la luz "
                + "era buena: y apartó Dios la luz de las tinieblas.",
        "And God called the light Day, and the darkness he called Night. And the evening and the morning were the "
                + "first day.\tY llamó Dios á la luz Día, y á las tinieblas llamó Noche: y fué la tarde y la mañana un día.",
        "A Psalm of David, when he fled from Absalom his son. LORD, how are they increased that trouble me! many are "
                + "they that rise up against me.\tSalmo de David, cuando huía de delante de Absalom su hijo. ¡OH Jehová, "
                + "cuánto se han multiplicado mis enemigos! muchos se levantan contra mí.",
        "Many there be which say of my soul, There is no help for him in God. Selah.\tMuchos dicen de mi vida: No hay "
                + "para él salud en Dios. (Selah.)",
        "Brethren, the grace of our Lord Jesus Christ be with your spirit. Amen.\tHermanos, la gracia de nuestro "
                + "Señor Jesucristo sea con vuestro espíritu. Amén.",
    };

    private BibleFixture() {}

    /** Both modules installed. */
    static ModuleDump dump() {
        return dump(Map.of(BibleEnEs.ENGLISH, KJV, BibleEnEs.SPANISH, RV));
    }

    static ModuleDump dump(Map<String, String> modules) {
        return id -> Optional.ofNullable(modules.get(id));
    }
}
