package dev.ablate.experiments.spec;

import static dev.ablate.experiments.spec.SpecTesting.REGISTRY;
import static dev.ablate.experiments.spec.SpecTesting.read;
import static dev.ablate.experiments.spec.SpecTesting.small;
import static dev.ablate.experiments.spec.SpecTesting.tree;
import static dev.ablate.experiments.spec.SpecTesting.variant;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.IntNode;
import dev.ablate.core.config.ConfigException;
import dev.ablate.core.error.UserException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Axes expand as a grid (row-major, the last axis fastest), then the named variants follow; ids are readable and unique. */
final class TestGridExpansion {

    private static final String BASE = "\"base\": {\"model\": {\"layers\": 1, \"dModel\": 16, \"heads\": 2, \"dFF\": 32, "
            + "\"attention\": {\"type\": \"full\"}}}";

    @Test
    void twoAxesExpandRowMajor() {
        ExperimentPlan plan = read(small(BASE + ", \"axes\": {\"model.heads\": [1, 2], \"training.labelSmoothing\": [0.0, 0.1]}"));

        assertThat(plan.variants()).extracting(Variant::id).containsExactly(
                "heads=1,labelSmoothing=0.0", "heads=1,labelSmoothing=0.1",
                "heads=2,labelSmoothing=0.0", "heads=2,labelSmoothing=0.1");
        assertThat(plan.variants()).extracting(v -> v.config().model().heads()).containsExactly(1, 1, 2, 2);
        assertThat(plan.variants()).extracting(v -> v.config().training().labelSmoothing()).containsExactly(0.0, 0.1, 0.0, 0.1);
        assertThat(variant(plan, "heads=2,labelSmoothing=0.0").settings()).containsExactly(
                Map.entry("model.heads", IntNode.valueOf(2)), Map.entry("training.labelSmoothing", DoubleNode.valueOf(0.0)));
        assertThat(plan.baseline()).isEqualTo("heads=1,labelSmoothing=0.0");
        assertThat(plan.runs()).hasSize(4);
        assertThat(plan.variants()).extracting(Variant::hash).doesNotHaveDuplicates();
    }

    @Test
    void runsAreSelectedByRunIdOrVariantInPlanOrder() {
        ExperimentPlan plan = read(small(BASE + ", \"axes\": {\"model.heads\": [1, 2]}, \"seeds\": [7, 8]"));

        assertThat(plan.runs()).extracting(PlannedRun::id).containsExactly("heads=1/seed-7", "heads=1/seed-8",
                "heads=2/seed-7", "heads=2/seed-8");
        assertThat(plan.select(List.of("heads=2/seed-8", "heads=1"))).extracting(PlannedRun::id)
                .containsExactly("heads=1/seed-7", "heads=1/seed-8", "heads=2/seed-8");
        assertThatThrownBy(() -> plan.select(List.of("heads=2/seed-9"))).isInstanceOf(UserException.class)
                .hasMessage("--only heads=2/seed-9: no such run or variant in " + plan.name() + " (runs are named "
                        + "<variant>/seed-<seed>, e.g. heads=1/seed-7). Did you mean 'heads=2/seed-7' or 'heads=2/seed-8'?");
    }

    @Test
    void threeAxesVaryTheLastFastest() {
        ExperimentPlan plan = read(small(BASE + ", \"axes\": {\"model.layers\": [1, 2], \"model.heads\": [1, 2, 4], "
                + "\"training.steps\": [10, 20]}, \"seeds\": [7, 8]"));

        assertThat(plan.variants()).hasSize(12);
        assertThat(plan.variants().subList(0, 4)).extracting(Variant::id).containsExactly(
                "layers=1,heads=1,steps=10", "layers=1,heads=1,steps=20", "layers=1,heads=2,steps=10", "layers=1,heads=2,steps=20");
        assertThat(plan.variants().get(11).id()).isEqualTo("layers=2,heads=4,steps=20");
        assertThat(plan.variants()).allSatisfy(v -> {
            assertThat(v.id()).isEqualTo("layers=" + v.config().model().layers() + ",heads=" + v.config().model().heads()
                    + ",steps=" + v.config().training().steps());
        });
        assertThat(plan.runs()).hasSize(24);
        assertThat(plan.runs().subList(0, 3)).extracting(PlannedRun::label).containsExactly(
                "layers=1,heads=1,steps=10 seed 7", "layers=1,heads=1,steps=10 seed 8", "layers=1,heads=1,steps=20 seed 7");
    }

    @Test
    void axesSharingTheirLastSegmentAreNamedByTheirFullPaths() {
        ExperimentPlan plan = read(small(BASE + ", \"axes\": {\"model.dropout\": [0.1, 0.2], \"model.attention.dropout\": [0.0], "
                + "\"training.steps\": [10]}"));

        assertThat(plan.variants()).extracting(Variant::id).containsExactly(
                "model.dropout=0.1,model.attention.dropout=0.0,steps=10",
                "model.dropout=0.2,model.attention.dropout=0.0,steps=10");
        assertThat(plan.variants().get(1).config().model().dropout()).isEqualTo(0.2);
        assertThat(tree(plan.variants().get(1).config().model().attention()))
                .isEqualTo(tree("{\"type\": \"full\", \"scaled\": true, \"dropout\": 0.0}"));
    }

    @Test
    void axesWithDifferentLastSegmentsKeepThemShort() {
        ExperimentPlan plan = read(small("\"axes\": {\"model.attention\": [{\"type\": \"full\"}, {\"type\": \"additive\", \"queryChunk\": 8}], "
                + "\"model.crossAttention\": [{\"type\": \"full\", \"scaled\": false}]}"));

        assertThat(plan.variants()).extracting(Variant::id).containsExactly(
                "attention=full,crossAttention=full(scaled=false)",
                "attention=additive(queryChunk=8),crossAttention=full(scaled=false)");
        assertThat(REGISTRY.idOf(plan.variants().get(1).config().model().attention())).isEqualTo("additive");
        assertThat(tree(plan.variants().get(1).config().model().crossAttention()).get("scaled").asBoolean()).isFalse();
    }

    @Test
    void valuesRenderReadably() {
        ExperimentPlan plan = read(small("\"axes\": {\"model.tieEmbeddings\": [true, false], \"model.normPlacement\": [\"pre\"], "
                + "\"training.schedule\": [{\"type\": \"constant\", \"lr\": 0.001}, {\"type\": \"linear-warmup\"}]}"));

        assertThat(plan.variants()).extracting(Variant::id).containsExactly(
                "tieEmbeddings=true,normPlacement=pre,schedule=constant(lr=0.001)",
                "tieEmbeddings=true,normPlacement=pre,schedule=linear-warmup",
                "tieEmbeddings=false,normPlacement=pre,schedule=constant(lr=0.001)",
                "tieEmbeddings=false,normPlacement=pre,schedule=linear-warmup");
    }

    @Test
    void noAxesAndNoVariantsIsTheBaseAlone() {
        ExperimentPlan plan = read(small(BASE + ", \"seeds\": [1, 2, 3]"));

        assertThat(plan.variants()).singleElement().satisfies(v -> {
            assertThat(v.id()).isEqualTo("base");
            assertThat(v.settings()).isEmpty();
            assertThat(v.config().model().heads()).isEqualTo(2);
        });
        assertThat(plan.baseline()).isEqualTo("base");
        assertThat(plan.runs()).extracting(PlannedRun::label).containsExactly("base seed 1", "base seed 2", "base seed 3");
    }

    @Test
    void variantsAloneAreTheVariantsInOrder() {
        ExperimentPlan plan = read(small(BASE + ", \"variants\": [{\"name\": \"wide\", \"set\": {\"model.dFF\": 64}}, "
                + "{\"name\": \"as-base\"}, {\"name\": \"deep.pre\", \"set\": {\"model.layers\": 3, \"model.normPlacement\": \"pre\"}}]"));

        assertThat(plan.variants()).extracting(Variant::id).containsExactly("wide", "as-base", "deep.pre");
        assertThat(plan.baseline()).isEqualTo("wide");
        assertThat(variant(plan, "wide").config().model().dFF()).isEqualTo(64);
        assertThat(variant(plan, "as-base").settings()).isEmpty();
        assertThat(variant(plan, "as-base").config().model().dFF()).isEqualTo(32);
        assertThat(variant(plan, "deep.pre").config().model().layers()).isEqualTo(3);
        assertThat(variant(plan, "deep.pre").settings()).containsOnlyKeys("model.layers", "model.normPlacement");
    }

    @Test
    void theGridComesBeforeTheVariants() {
        ExperimentPlan plan = read(small(BASE + ", \"variants\": [{\"name\": \"one-layer-more\", \"set\": {\"model.layers\": 2}}], "
                + "\"axes\": {\"model.heads\": [1, 2]}"));

        assertThat(plan.variants()).extracting(Variant::id).containsExactly("heads=1", "heads=2", "one-layer-more");
        assertThat(plan.baseline()).isEqualTo("heads=1");
    }

    @Test
    void aVariantMaySetAWholeSection() {
        ExperimentPlan plan = read(small(BASE + ", \"variants\": [{\"name\": \"quick\", \"set\": {\"training\": {\"steps\": 5}}}]"));
        assertThat(variant(plan, "quick").config().training().steps()).isEqualTo(5);
        assertThat(variant(plan, "quick").config().model().dFF()).isEqualTo(32);
    }

    @Test
    void aVariantMaySetAFieldInsideAPlugin() {
        ExperimentPlan plan = read(small("\"base\": {\"model\": {\"attention\": {\"type\": \"restricted\", \"window\": 2}}}, "
                + "\"axes\": {\"model.attention.window\": [1, 3]}"));
        assertThat(plan.variants()).extracting(Variant::id).containsExactly("window=1", "window=3");
        assertThat(plan.variants()).extracting(v -> tree(v.config().model().attention()).get("window").asInt()).containsExactly(1, 3);
    }

    @Test
    void overlappingAxesKeepEverySettingOrAreRefused() {
        String spec = small("\"axes\": {\"model.attention.window\": [2, 8], \"model.attention\": [{\"type\": \"restricted\"}]}");
        ExperimentPlan plan;
        try {
            plan = read(spec);
        } catch (ConfigException e) {
            return;   // refusing overlapping paths is fine too
        }
        assertThat(plan.variants()).extracting(v -> tree(v.config().model().attention()).get("window").asInt()).containsExactly(2, 8);
    }

    @Test
    void overlappingSettingsOfAVariantKeepEverySettingOrAreRefused() {
        String spec = small("\"variants\": [{\"name\": \"v\", \"set\": {\"model.attention.window\": 2, "
                + "\"model.attention\": {\"type\": \"restricted\"}}}]");
        ExperimentPlan plan;
        try {
            plan = read(spec);
        } catch (ConfigException e) {
            return;
        }
        assertThat(tree(plan.variants().get(0).config().model().attention()).get("window").asInt()).isEqualTo(2);
    }

    @Test
    void emptyAxesAreTheBaseAloneOrAProblem() {
        for (String rest : List.of("\"axes\": {}", "\"variants\": []", "\"axes\": null")) {
            ExperimentPlan plan;
            try {
                plan = read(small(rest));
            } catch (ConfigException e) {
                continue;   // refusing it is fine too
            }
            assertThat(plan.variants()).as(rest).extracting(Variant::id).containsExactly("base");
            assertThat(plan.baseline()).as(rest).isEqualTo("base");
        }
    }
}
