package dev.ablate.experiments.spec;

import static dev.ablate.experiments.spec.SpecTesting.QUICK;
import static dev.ablate.experiments.spec.SpecTesting.QUICK_ONE_LINE;
import static dev.ablate.experiments.spec.SpecTesting.READER;
import static dev.ablate.experiments.spec.SpecTesting.REGISTRY;
import static dev.ablate.experiments.spec.SpecTesting.SOURCE;
import static dev.ablate.experiments.spec.SpecTesting.failure;
import static dev.ablate.experiments.spec.SpecTesting.quick;
import static dev.ablate.experiments.spec.SpecTesting.read;
import static dev.ablate.experiments.spec.SpecTesting.small;
import static dev.ablate.experiments.spec.SpecTesting.tree;
import static dev.ablate.experiments.spec.SpecTesting.variant;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.IntNode;
import dev.ablate.core.config.ConfigException;
import dev.ablate.core.config.ConfigProblem;
import dev.ablate.core.error.UserException;
import dev.ablate.core.model.ModelConfig;
import dev.ablate.core.model.ModelFamily;
import dev.ablate.core.model.NormPlacement;
import dev.ablate.core.registry.ComponentRegistry;
import dev.ablate.experiments.evaluation.CheckpointChoice;
import dev.ablate.experiments.training.AdamConfig;
import dev.ablate.experiments.training.ScheduleConfig;
import dev.ablate.experiments.training.TrainingConfig;
import dev.ablate.models.transformer.TransformerFactory;
import dev.ablate.tasks.Split;
import dev.ablate.tasks.SymbolTaskConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A valid spec reads into the plan it describes: variants, ids, seeds, runs and fully resolved configs. */
final class TestSpecReader {

    private static final List<String> IDS =
            List.of("attention=full", "attention=restricted(window=4)", "attention=additive", "one-head");

    @TempDir
    Path dir;

    @Test
    void theQuickSpecReadsIntoItsVariantsAndSeeds() {
        ExperimentPlan plan = read(QUICK);

        assertThat(plan.name()).isEqualTo("quick-attention");
        assertThat(plan.file()).isNull();
        assertThat(plan.task()).isNotNull();
        assertThat(plan.variants()).extracting(Variant::id).containsExactlyElementsOf(IDS);
        assertThat(plan.seeds()).containsExactly(1, 2);
        assertThat(plan.baseline()).isEqualTo("attention=full");
        assertThat(plan.hash()).hasSize(16).matches("[0-9a-f]+");
        assertThat(plan.variants()).allSatisfy(v -> assertThat(v.hash()).hasSize(12).matches("[0-9a-f]+"));
        assertThat(plan.variants()).extracting(Variant::hash).doesNotHaveDuplicates();
    }

    @Test
    void theSpecIsKeptAsWritten() {
        ExperimentSpec spec = read(QUICK).spec();

        assertThat(spec.name()).isEqualTo("quick-attention");
        assertThat(spec.description()).isNull();
        assertThat(spec.task()).isInstanceOf(SymbolTaskConfig.class);
        SymbolTaskConfig task = (SymbolTaskConfig) spec.task();
        assertThat(task.type()).isEqualTo("copy");
        assertThat(task.length()).isEqualTo(24);
        assertThat(task.vocabSize()).isEqualTo(16);
        assertThat(task.trainSize()).isEqualTo(400);
        assertThat(spec.axes()).containsOnlyKeys("model.attention");
        assertThat(spec.axes().get("model.attention")).containsExactly(tree("{\"type\": \"full\"}"),
                tree("{\"type\": \"restricted\", \"window\": 4}"), tree("{\"type\": \"additive\"}"));
        assertThat(spec.variants()).containsExactly(new VariantSpec("one-head", Map.of("model.heads", IntNode.valueOf(1))));
        assertThat(spec.seeds()).containsExactly(1, 2);
        assertThat(spec.baseline()).isEqualTo("attention=full");
        assertThat(spec.base().model().heads()).isEqualTo(4);
        assertThat(spec.base().training().steps()).isEqualTo(1500);
    }

    @Test
    void aDescriptionIsKept() {
        ExperimentPlan plan = read(quick("\"name\": \"quick-attention\",", "\"name\": \"quick-attention\", \"description\": \"Table 3, row A\","));
        assertThat(plan.spec().description()).isEqualTo("Table 3, row A");
    }

    @Test
    void runsAreEveryVariantTimesEverySeedInOrder() {
        ExperimentPlan plan = read(QUICK);

        List<PlannedRun> runs = plan.runs();
        assertThat(runs).hasSize(8);
        assertThat(runs).extracting(r -> r.variant().id() + "/" + r.seed()).containsExactly(
                "attention=full/1", "attention=full/2",
                "attention=restricted(window=4)/1", "attention=restricted(window=4)/2",
                "attention=additive/1", "attention=additive/2",
                "one-head/1", "one-head/2");
        assertThat(runs.get(2).label()).isEqualTo("attention=restricted(window=4) seed 1");
        assertThat(runs.get(7).variant()).isSameAs(variant(plan, "one-head"));
    }

    @Test
    void settingsRecordWhatEachVariantChanges() {
        ExperimentPlan plan = read(QUICK);

        assertThat(variant(plan, "attention=full").settings()).containsExactly(
                Map.entry("model.attention", tree("{\"type\": \"full\"}")));
        assertThat(variant(plan, "attention=restricted(window=4)").settings()).containsExactly(
                Map.entry("model.attention", tree("{\"type\": \"restricted\", \"window\": 4}")));
        assertThat(variant(plan, "one-head").settings()).containsExactly(Map.entry("model.heads", IntNode.valueOf(1)));
    }

    @Test
    void variantsResolveToTheBaseWithTheirSettingsApplied() {
        ExperimentPlan plan = read(QUICK);

        ModelConfig oneHead = variant(plan, "one-head").config().model();
        assertThat(oneHead.heads()).isEqualTo(1);
        assertThat(REGISTRY.idOf(oneHead.attention())).isEqualTo("full");
        assertThat(oneHead.dModel()).isEqualTo(64);
        assertThat(oneHead.layers()).isEqualTo(2);
        assertThat(oneHead.dFF()).isEqualTo(256);

        ModelConfig restricted = variant(plan, "attention=restricted(window=4)").config().model();
        assertThat(REGISTRY.idOf(restricted.attention())).isEqualTo("restricted");
        assertThat(tree(restricted.attention()).get("window").asInt()).isEqualTo(4);
        assertThat(restricted.heads()).isEqualTo(4);
        assertThat(REGISTRY.idOf(restricted.crossAttention())).isEqualTo("full");

        ModelConfig additive = variant(plan, "attention=additive").config().model();
        assertThat(REGISTRY.idOf(additive.attention())).isEqualTo("additive");
        assertThat(additive.heads()).isEqualTo(4);

        for (Variant v : plan.variants()) {
            ModelConfig m = v.config().model();
            assertThat(m.family()).isEqualTo(ModelFamily.ENCODER_DECODER);
            assertThat(m.dropout()).isEqualTo(0.1);
            assertThat(m.normPlacement()).isEqualTo(NormPlacement.POST);
            assertThat(m.tieEmbeddings()).isTrue();
            assertThat(m.isComplete()).isTrue();
            TrainingConfig t = v.config().training();
            assertThat(t.steps()).isEqualTo(1500);
            assertThat(t.batchSize()).isEqualTo(64);
            assertThat(t.optimizer()).isEqualTo(new AdamConfig(0.9, 0.98, 1e-9, null));
            assertThat(t.schedule()).isEqualTo(new ScheduleConfig.Noam(400, 1.0));
            assertThat(t.labelSmoothing()).isEqualTo(0.1);
            assertThat(t.clipNorm()).isEqualTo(1.0);
            assertThat(t.evalEvery()).isEqualTo(250);
            assertThat(t.checkpointEvery()).as("defaults to evalEvery").isEqualTo(250);
            assertThat(v.config().evaluation().split()).isEqualTo(Split.TEST);
            assertThat(v.config().evaluation().checkpoint()).isEqualTo(CheckpointChoice.BEST);
            assertThat(v.config().evaluation().metric()).isEqualTo("exactMatch");
        }
    }

    @Test
    void theOneLineSpecReadsTheSame() {
        ExperimentPlan lines = read(QUICK);
        ExperimentPlan oneLine = read(QUICK_ONE_LINE);
        assertThat(oneLine.variants()).extracting(Variant::id).containsExactlyElementsOf(IDS);
        assertThat(oneLine.variants()).extracting(Variant::hash)
                .containsExactlyElementsOf(lines.variants().stream().map(Variant::hash).toList());
        assertThat(oneLine.hash()).isEqualTo(lines.hash());
    }

    @Test
    void anOmittedMetricIsTheTasksDefault() {
        ExperimentPlan plan = read(quick("\"metric\": \"exactMatch\", ", ""));
        assertThat(plan.variants()).allSatisfy(v -> assertThat(v.config().evaluation().metric()).isEqualTo("exactMatch"));
        assertThat(plan.spec().base().evaluation().metric()).as("the spec keeps what was written").isNull();
    }

    @Test
    void classificationDefaultsToAccuracy() {
        ExperimentPlan plan = read("{\"name\": \"probe\", \"task\": {\"type\": \"first-last\", \"length\": 8}, "
                + "\"base\": {\"model\": {\"family\": \"encoder\", \"layers\": 1, \"dModel\": 16, \"heads\": 2, \"dFF\": 32}}}");
        assertThat(plan.variants()).singleElement().satisfies(v -> {
            assertThat(v.id()).isEqualTo("base");
            assertThat(v.config().evaluation().metric()).isEqualTo("accuracy");
            assertThat(v.config().model().family()).isEqualTo(ModelFamily.ENCODER);
        });
    }

    @Test
    void languageModelsDefaultToPerplexityAndReadTheirFileFromTheFolder() throws IOException {
        Files.writeString(dir.resolve("text.txt"), "the quick brown fox jumps over the lazy dog. ".repeat(50), StandardCharsets.UTF_8);
        ExperimentPlan plan = READER.read(SOURCE, "{\"name\": \"lm\", \"task\": {\"type\": \"lm\", \"file\": \"text.txt\", \"length\": 16}, "
                + "\"base\": {\"model\": {\"family\": \"decoder\", \"layers\": 1, \"dModel\": 16, \"heads\": 2, \"dFF\": 32}}}", dir);
        assertThat(plan.variants()).singleElement()
                .satisfies(v -> assertThat(v.config().evaluation().metric()).isEqualTo("perplexity"));
        assertThat(plan.task()).isNotNull();
    }

    @Test
    void omittedPluginsAreFilledInWithTheirDefaults() {
        String spec = quick("\"crossAttention\": {\"type\": \"full\"},", "");
        spec = edit(spec, "\"positional\": {\"type\": \"sinusoidal\"},", "");
        spec = edit(spec, "\"norm\": {\"type\": \"layer\"},", "");
        ExperimentPlan plan = read(spec);

        assertThat(plan.variants()).hasSize(4).allSatisfy(v -> {
            ModelConfig m = v.config().model();
            assertThat(m.isComplete()).isTrue();
            assertThat(tree(m.crossAttention())).isEqualTo(tree("{\"type\": \"full\", \"scaled\": true, \"dropout\": 0.0}"));
            assertThat(tree(m.positional())).isEqualTo(tree("{\"type\": \"sinusoidal\"}"));
            assertThat(REGISTRY.idOf(m.norm())).isEqualTo("layer");
        });
        // the plugin defaults inside a config are filled in too
        assertThat(tree(variant(plan, "attention=restricted(window=4)").config().model().attention()))
                .isEqualTo(tree("{\"type\": \"restricted\", \"window\": 4, \"dropout\": 0.0}"));
        assertThat(tree(variant(plan, "one-head").config().model().attention()))
                .isEqualTo(tree("{\"type\": \"full\", \"scaled\": true, \"dropout\": 0.0}"));
    }

    @Test
    void anAlmostEmptySpecIsThePapersBaseModelWithDefaults() {
        ExperimentPlan plan = read(small(""));
        assertThat(plan.seeds()).containsExactly(1);
        assertThat(plan.variants()).singleElement().satisfies(v -> {
            assertThat(v.id()).isEqualTo("base");
            assertThat(v.settings()).isEmpty();
            ModelConfig m = v.config().model();
            assertThat(List.of(m.layers(), m.dModel(), m.heads(), m.dFF())).containsExactly(6, 512, 8, 2048);
            assertThat(m.isComplete()).isTrue();
            assertThat(v.config().training()).isEqualTo(TrainingConfig.defaults());
            assertThat(v.config().evaluation().metric()).isEqualTo("exactMatch");
        });
        assertThat(plan.runs()).hasSize(1);
        assertThat(plan.baseline()).isEqualTo("base");
    }

    @Test
    void anExplicitBaselineIsKept() {
        ExperimentPlan plan = read(quick("\"seeds\": [1, 2]", "\"seeds\": [1, 2], \"baseline\": \"one-head\""));
        assertThat(plan.baseline()).isEqualTo("one-head");
        assertThat(plan.spec().baseline()).isEqualTo("one-head");
    }

    @Test
    void readsAFileAndResolvesTheTaskAgainstItsFolder() throws IOException {
        Path folder = Files.createDirectories(dir.resolve("specs"));
        Files.writeString(folder.resolve("text.txt"), "a b c d e f g h i j k l m n o p ".repeat(40), StandardCharsets.UTF_8);
        Path file = folder.resolve("lm.json");
        Files.writeString(file, "{\"name\": \"lm\", \"task\": {\"type\": \"lm\", \"file\": \"text.txt\", \"length\": 8},\n"
                + " \"base\": {\"model\": {\"family\": \"decoder\", \"layers\": 1, \"dModel\": 16, \"heads\": 2, \"dFF\": 32}},\n"
                + " \"seeds\": [3]}\n", StandardCharsets.UTF_8);

        ExperimentPlan plan = READER.read(file);
        assertThat(plan.file()).isEqualTo(file);
        assertThat(plan.seeds()).containsExactly(3);
        assertThat(plan.variants()).extracting(Variant::id).containsExactly("base");
        assertThat(plan.hash()).isEqualTo(READER.read(file.toString(), Files.readString(file), folder).hash());
    }

    @Test
    void aFilesProblemsNameTheFile() throws IOException {
        Path file = dir.resolve("broken.json");
        Files.writeString(file, "{\"name\": \"x\",\n \"task\": {\"type\": \"copy\", \"length\": 4},\n \"seed\": [1]}\n",
                StandardCharsets.UTF_8);
        assertThatThrownBy(() -> READER.read(file)).isInstanceOfSatisfying(ConfigException.class, e -> {
            assertThat(e.problems()).singleElement().satisfies(p -> {
                assertThat(p.source()).isEqualTo(file.toString());
                assertThat(p.path()).isEqualTo("seed");
                assertThat(p.line()).isEqualTo(3);
            });
            assertThat(e.getMessage()).startsWith(file + ":3:10: seed: unknown field 'seed'");
        });
    }

    @Test
    void problemsNameTheSourceGivenToRead() {
        String text = quick("\"heads\": 4", "\"heads\": 3");
        assertThatThrownBy(() -> READER.read("studies/ablation.json", text, dir)).isInstanceOfSatisfying(ConfigException.class, e -> {
            assertThat(e.problems()).singleElement().satisfies(p -> assertThat(p.source()).isEqualTo("studies/ablation.json"));
            assertThat(e.getMessage()).isEqualTo("studies/ablation.json:9:16: base.model.heads: must divide dModel (64) evenly, unless headDim is given (got 3)");
        });
    }

    @Test
    void aMissingFileIsAUserError() {
        Path file = dir.resolve("nowhere.json");
        assertThatThrownBy(() -> READER.read(file)).isInstanceOf(UserException.class)
                .isNotInstanceOf(ConfigException.class).hasMessageContaining("nowhere.json").hasMessageContaining("no such file");
    }

    @Test
    void readingIsIndependentOfTheReaderInstance() {
        ComponentRegistry registry = ComponentRegistry.discover(getClass().getClassLoader());
        SpecReader other = new SpecReader(registry, new TransformerFactory(registry));
        ExperimentPlan a = read(QUICK);
        ExperimentPlan b = other.read("elsewhere.json", QUICK, dir);
        assertThat(b.hash()).isEqualTo(a.hash());
        assertThat(b.variants()).extracting(Variant::hash)
                .containsExactlyElementsOf(a.variants().stream().map(Variant::hash).toList());
    }

    @Test
    void everyProblemNamesTheSourceAndALine() {
        List<String> broken = List.of(
                quick("\"seeds\": [1, 2]", "\"seeds\": [1, 2,]"),
                QUICK + "{}",
                quick("\"layers\": 2,", "\"layers\": 2, \"layers\": 3,"),
                quick("\"seeds\"", "\"seed\""),
                quick("\"dModel\"", "\"dmodel\""),
                quick("\"heads\": 4", "\"heads\": 3"),
                quick("\"window\": 4", "\"window\": 0"),
                quick("\"model.heads\": 1", "\"model.heads\": 3"),
                quick("\"model.attention\": [", "\"model.atention\": ["),
                quick("\"metric\": \"exactMatch\"", "\"metric\": \"accuracy\""),
                quick("\"type\": \"copy\"", "\"type\": \"cpy\""),
                quick("\"name\": \"quick-attention\",", ""),
                quick("\"name\": \"one-head\"", "\"name\": \"one/head\""),
                quick("\"seeds\": [1, 2]", "\"seeds\": [1, 2], \"baseline\": \"nope\""));
        for (String text : broken) {
            ConfigException e = failure(text);
            for (ConfigProblem p : e.problems()) {
                assertThat(p.source()).as("%s", p).isEqualTo(SOURCE);
                assertThat(p.line()).as("%s", p).isPositive();
                assertThat(p.column()).as("%s", p).isPositive();
                assertThat(p.format()).startsWith(SOURCE + ":" + p.line() + ":" + p.column() + ": ");
                assertThat(e.getMessage()).contains(p.format());
            }
        }
    }

    private static String edit(String text, String from, String to) {
        return SpecTesting.edit(text, from, to);
    }
}
