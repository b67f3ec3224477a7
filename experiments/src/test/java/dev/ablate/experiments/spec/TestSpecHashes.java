package dev.ablate.experiments.spec;

import static dev.ablate.experiments.spec.SpecTesting.QUICK;
import static dev.ablate.experiments.spec.SpecTesting.READER;
import static dev.ablate.experiments.spec.SpecTesting.edit;
import static dev.ablate.experiments.spec.SpecTesting.quick;
import static dev.ablate.experiments.spec.SpecTesting.read;
import static dev.ablate.experiments.spec.SpecTesting.small;
import static dev.ablate.experiments.spec.SpecTesting.variant;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Variant and plan hashes depend on the resolved configs only: stable, blind to how a value is written, and sensitive to every value. */
final class TestSpecHashes {

    private static List<String> hashes(ExperimentPlan plan) {
        return plan.variants().stream().map(Variant::hash).toList();
    }

    @Test
    void readingTwiceGivesTheSameHashes() {
        ExperimentPlan a = read(QUICK);
        ExperimentPlan b = read(QUICK);
        assertThat(hashes(b)).containsExactlyElementsOf(hashes(a));
        assertThat(b.hash()).isEqualTo(a.hash());
    }

    @Test
    void theCanonicalJsonSortsKeys() {
        String a = READER.canonicalJson(Map.of("b", 1, "a", Map.of("d", 2, "c", 3)));
        assertThat(a).isEqualTo("{\"a\":{\"c\":3,\"d\":2},\"b\":1}");
        ExperimentPlan plan = read(QUICK);
        Variant v = plan.variants().get(0);
        assertThat(READER.canonicalJson(v.config())).isEqualTo(READER.canonicalJson(read(QUICK).variants().get(0).config()));
        assertThat(READER.canonicalJson(v.config())).startsWith("{\"evaluation\":{").contains("\"model\":{\"attention\":{\"type\":\"full\"");
    }

    @Test
    void fieldOrderDoesNotMatter() {
        String reordered = quick("\"family\": \"encoder-decoder\",\n      \"layers\": 2,", "\"layers\": 2,\n      \"family\": \"encoder-decoder\",");
        reordered = edit(reordered, "{\"type\": \"copy\", \"length\": 24, \"vocabSize\": 16,", "{\"vocabSize\": 16, \"length\": 24, \"type\": \"copy\",");
        reordered = edit(reordered, "{\"type\": \"restricted\", \"window\": 4}", "{\"window\": 4, \"type\": \"restricted\"}");
        reordered = edit(reordered, "{\"type\": \"noam\", \"warmup\": 400, \"factor\": 1.0}", "{\"factor\": 1.0, \"warmup\": 400, \"type\": \"noam\"}");
        ExperimentPlan a = read(QUICK);
        ExperimentPlan b = read(reordered);
        assertThat(hashes(b)).containsExactlyElementsOf(hashes(a));
        assertThat(b.hash()).isEqualTo(a.hash());
    }

    @Test
    void defaultsWrittenOutOrLeftOutHashTheSame() {
        String explicit = quick("\"attention\": {\"type\": \"full\"}", "\"attention\": {\"type\": \"full\", \"scaled\": true, \"dropout\": 0.0}");
        explicit = edit(explicit, "\"eps\": 1e-9}", "\"eps\": 1e-9, \"weightDecay\": 0}");
        explicit = edit(explicit, "\"evalEvery\": 250", "\"evalEvery\": 250, \"checkpointEvery\": 250, \"logEvery\": 10");
        explicit = edit(explicit, "\"task\": {\"type\": \"copy\",", "\"task\": {\"type\": \"copy\", \"seed\": 1234, \"minLength\": 24,");
        String omitted = quick("\"metric\": \"exactMatch\", ", "");
        omitted = edit(omitted, "\"crossAttention\": {\"type\": \"full\"},", "");
        omitted = edit(omitted, "\"normPlacement\": \"post\",", "");
        omitted = edit(omitted, "\"norm\": {\"type\": \"layer\"},", "");
        omitted = edit(omitted, "\"optimizer\": {\"type\": \"adam\", \"beta1\": 0.9, \"beta2\": 0.98, \"eps\": 1e-9},", "");
        ExperimentPlan base = read(QUICK);
        assertThat(hashes(read(explicit))).containsExactlyElementsOf(hashes(base));
        assertThat(hashes(read(omitted))).containsExactlyElementsOf(hashes(base));
        assertThat(read(explicit).hash()).isEqualTo(base.hash());
        assertThat(read(omitted).hash()).isEqualTo(base.hash());
    }

    @Test
    void numbersWrittenDifferentlyHashTheSame() {
        String other = quick("\"eps\": 1e-9", "\"eps\": 0.000000001");
        other = edit(other, "\"factor\": 1.0", "\"factor\": 1");
        other = edit(other, "\"labelSmoothing\": 0.1", "\"labelSmoothing\": 1e-1");
        assertThat(hashes(read(other))).containsExactlyElementsOf(hashes(read(QUICK)));
    }

    @Test
    void equalConfigsReachedDifferentlyHashTheSame() {
        // one-head: base with heads 4 and a variant setting 1; here: base with heads 1 and no variant
        String oneHeadBase = small("\"base\": {\"model\": {\"heads\": 1}}");
        String viaVariant = small("\"variants\": [{\"name\": \"one-head\", \"set\": {\"model.heads\": 1}}]");
        String viaAxis = small("\"axes\": {\"model.heads\": [1]}");
        String h = read(oneHeadBase).variants().get(0).hash();
        assertThat(read(viaVariant).variants().get(0).hash()).isEqualTo(h);
        assertThat(read(viaAxis).variants().get(0).hash()).isEqualTo(h);
    }

    @Test
    void changingAValueChangesTheHashes() {
        ExperimentPlan base = read(QUICK);
        ExperimentPlan layers = read(quick("\"layers\": 2", "\"layers\": 3"));
        for (int i = 0; i < 4; i++) {
            assertThat(layers.variants().get(i).hash()).isNotEqualTo(base.variants().get(i).hash());
        }
        assertThat(layers.hash()).isNotEqualTo(base.hash());

        ExperimentPlan window = read(quick("\"window\": 4", "\"window\": 5"));
        assertThat(variant(window, "attention=restricted(window=5)").hash())
                .isNotEqualTo(variant(base, "attention=restricted(window=4)").hash());
        assertThat(variant(window, "one-head").hash()).isEqualTo(variant(base, "one-head").hash());
        assertThat(window.hash()).isNotEqualTo(base.hash());

        ExperimentPlan smoothing = read(quick("\"labelSmoothing\": 0.1", "\"labelSmoothing\": 0.2"));
        assertThat(variant(smoothing, "one-head").hash()).isNotEqualTo(variant(base, "one-head").hash());

        ExperimentPlan metric = read(quick("\"metric\": \"exactMatch\"", "\"metric\": \"bleu\""));
        assertThat(variant(metric, "one-head").hash()).isNotEqualTo(variant(base, "one-head").hash());
    }

    @Test
    void theTaskIsPartOfEveryHash() {
        ExperimentPlan base = read(QUICK);
        ExperimentPlan other = read(quick("\"vocabSize\": 16", "\"vocabSize\": 17"));
        for (int i = 0; i < 4; i++) {
            assertThat(other.variants().get(i).hash()).isNotEqualTo(base.variants().get(i).hash());
        }
        assertThat(other.hash()).isNotEqualTo(base.hash());
    }

    @Test
    void theTaskTypeIsPartOfEveryHash() {
        ExperimentPlan base = read(QUICK);
        for (String type : List.of("reverse", "sort")) {
            ExperimentPlan other = read(quick("\"type\": \"copy\"", "\"type\": \"" + type + "\""));
            assertThat(variant(other, "one-head").hash()).as(type).isNotEqualTo(variant(base, "one-head").hash());
            assertThat(other.hash()).as(type).isNotEqualTo(base.hash());
        }
    }

    @Test
    void seedsArePartOfThePlanHashButNotOfTheVariants() {
        ExperimentPlan base = read(QUICK);
        ExperimentPlan more = read(quick("\"seeds\": [1, 2]", "\"seeds\": [1, 2, 3]"));
        assertThat(hashes(more)).containsExactlyElementsOf(hashes(base));
        assertThat(more.hash()).isNotEqualTo(base.hash());
    }

    @Test
    void theNameAndDescriptionAreNotPartOfTheHashes() {
        ExperimentPlan base = read(QUICK);
        ExperimentPlan renamed = read(quick("\"name\": \"quick-attention\",", "\"name\": \"renamed\", \"description\": \"x\","));
        assertThat(hashes(renamed)).containsExactlyElementsOf(hashes(base));
        assertThat(renamed.hash()).isEqualTo(base.hash());
    }
}
