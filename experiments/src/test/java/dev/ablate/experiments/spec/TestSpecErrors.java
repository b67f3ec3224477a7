package dev.ablate.experiments.spec;

import static dev.ablate.experiments.spec.SpecTesting.QUICK;
import static dev.ablate.experiments.spec.SpecTesting.SOURCE;
import static dev.ablate.experiments.spec.SpecTesting.assertProblem;
import static dev.ablate.experiments.spec.SpecTesting.at;
import static dev.ablate.experiments.spec.SpecTesting.failure;
import static dev.ablate.experiments.spec.SpecTesting.problem;
import static dev.ablate.experiments.spec.SpecTesting.problems;
import static dev.ablate.experiments.spec.SpecTesting.quick;
import static dev.ablate.experiments.spec.SpecTesting.small;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ablate.core.config.ConfigException;
import dev.ablate.core.config.ConfigProblem;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One test per kind of mistake in a spec: each is reported as a problem with the source, the JSON
 * path of the value the user wrote (inside an axis or variant when one set it), its line:column and
 * a message saying what is wrong and what is known.
 */
final class TestSpecErrors {

    // ---- syntax

    @Test
    void invalidJsonSyntax() {
        String spec = quick("\"seeds\": [1, 2]", "\"seeds\": [1, 2,]");
        ConfigProblem p = problem(spec);
        int[] bracket = at(spec, "[1, 2,", "]");
        assertThat(p.source()).isEqualTo(SOURCE);
        assertThat(p.path()).isEmpty();
        assertThat(p.line()).isEqualTo(bracket[0]);
        assertThat(p.column()).isBetween(bracket[1], bracket[1] + 1);
        assertThat(p.message()).startsWith("invalid JSON: ").contains("']'");
    }

    @Test
    void unclosedObject() {
        String spec = QUICK.strip();
        spec = spec.substring(0, spec.length() - 1);
        ConfigProblem p = problem(spec);
        assertThat(p.path()).isEmpty();
        assertThat(p.line()).isPositive();
        assertThat(p.message()).startsWith("invalid JSON: ");
    }

    @Test
    void trailingContentAfterTheObject() {
        String spec = QUICK + "{\"name\": \"again\"}\n";
        ConfigProblem p = problem(spec);
        int[] second = at(spec, "{\"name\": \"again\"");
        assertThat(p.path()).isEmpty();
        assertThat(p.line()).isEqualTo(second[0]);
        assertThat(p.column()).isBetween(second[1], second[1] + 1);
        assertThat(p.message()).isEqualTo("unexpected content after the end of the JSON value");
    }

    @Test
    void duplicateKey() {
        String spec = quick("\"layers\": 2,", "\"layers\": 2, \"layers\": 3,");
        ConfigProblem p = problem(spec);
        int[] second = at(spec, "\"layers\": 2, ", "\"layers\": 3");
        assertThat(p.line()).isEqualTo(second[0]);
        assertThat(p.column()).isBetween(second[1], second[1] + "\"layers\"".length() + 1);
        assertThat(p.message()).contains("Duplicate field 'layers'");
    }

    @Test
    void notAnObject() {
        assertProblem(problem("[1, 2]"), "", new int[] {1, 1}, "expected a JSON object");
        assertProblem(problem(""), "", new int[] {1, 1}, "expected a JSON object");
    }

    // ---- fields and types

    @Test
    void unknownTopLevelFieldSuggestsTheKnownOne() {
        String spec = quick("\"seeds\"", "\"seed\"");
        assertProblem(problem(spec), "seed", at(spec, "\"seed\": ", "["),
                "unknown field 'seed'", "known fields: name, description, task, base, axes, variants, seeds, baseline, expect",
                "Did you mean 'seeds'?");
    }

    @Test
    void unknownFieldInBase() {
        String spec = quick("\"evaluation\": {\"split\"", "\"evalution\": {\"split\"");
        assertProblem(problems(spec).get(0), "base.evalution", at(spec, "\"evalution\": ", "{"),
                "unknown field 'evalution'", "Did you mean 'evaluation'?");
    }

    @Test
    void unknownFieldInsideTheModelSuggestsTheKnownOne() {
        String spec = quick("\"dModel\": 64", "\"dmodel\": 64");
        assertProblem(problem(spec), "base.model.dmodel", at(spec, "\"dmodel\": ", "64"),
                "unknown field 'dmodel'", "known fields: ", "dFF, dModel, dropout", "Did you mean 'dModel'?");
    }

    @Test
    void unknownFieldInsideAPluginConfig() {
        String spec = quick("{\"type\": \"restricted\", \"window\": 4}", "{\"type\": \"restricted\", \"windw\": 4}");
        assertProblem(problem(spec), "axes['model.attention'][1].windw", at(spec, "\"windw\": ", "4"),
                "unknown field 'windw'", "Did you mean 'window'?", "(in variant attention=restricted(windw=4))");
    }

    @Test
    void aStringForAnInteger() {
        String spec = quick("\"layers\": 2", "\"layers\": \"2\"");
        assertProblem(problem(spec), "base.model.layers", at(spec, "\"layers\": ", "\"2\""), "expected an integer");
    }

    @Test
    void aFloatForAnInteger() {
        String spec = quick("\"heads\": 4", "\"heads\": 4.5");
        assertProblem(problem(spec), "base.model.heads", at(spec, "\"heads\": ", "4.5"), "expected an integer", "4.5");
    }

    @Test
    void aNumberForAString() {
        String spec = quick("\"normPlacement\": \"post\"", "\"normPlacement\": 1");
        ConfigProblem p = problem(spec);
        assertThat(p.path()).isEqualTo("base.model.normPlacement");
        assertThat(new int[] {p.line(), p.column()}).containsExactly(at(spec, "\"normPlacement\": ", "1"));
    }

    @Test
    void anUnknownEnumValue() {
        String spec = quick("\"normPlacement\": \"post\"", "\"normPlacement\": \"middle\"");
        assertProblem(problem(spec), "base.model.normPlacement", at(spec, "\"normPlacement\": ", "\"middle\""),
                "unknown value 'middle'", "post, pre");
    }

    @Test
    void aRuleOfATrainingField() {
        String spec = quick("\"labelSmoothing\": 0.1", "\"labelSmoothing\": 1.5");
        assertProblem(problem(spec), "base.training.labelSmoothing", at(spec, "\"labelSmoothing\": ", "1.5"),
                "must be in [0, 1)", "1.5");
    }

    @Test
    void aDescriptionThatIsNoString() {
        String spec = small("\"description\": 5");
        assertProblem(problem(spec), "description", at(spec, "\"description\": ", "5"), "expected a string");
    }

    @Test
    void aBaseThatIsNoObject() {
        String spec = small("\"base\": [1]");
        assertProblem(problem(spec), "base", at(spec, "\"base\": ", "["), "expected an object with model, training, evaluation");
    }

    @Test
    void aModelThatIsNoObject() {
        String spec = small("\"base\": {\"model\": 5}");
        assertProblem(problem(spec), "base.model", at(spec, "\"model\": ", "5"), "expected an object");
    }

    // ---- plugins and task types

    @Test
    void unknownPluginIdInBase() {
        String spec = quick("\"attention\": {\"type\": \"full\"}", "\"attention\": {\"type\": \"fulll\"}");
        assertProblem(problem(spec), "base.model.attention", at(spec, "\"attention\": ", "{"),
                "unknown attention type 'fulll'", "known: additive, full, restricted", "Did you mean 'full'?");
    }

    @Test
    void unknownPluginIdInsideAnAxisValue() {
        String spec = quick("{\"type\": \"restricted\", \"window\": 4}", "{\"type\": \"fulll\"}");
        assertProblem(problem(spec), "axes['model.attention'][1]", at(spec, "\"model.attention\": ", "{\"type\": \"fulll\"}"),
                "unknown attention type 'fulll'", "known: additive, full, restricted", "Did you mean 'full'?",
                "(in variant attention=fulll)");
    }

    @Test
    void unknownPluginIdInAVariant() {
        String spec = quick("\"set\": {\"model.heads\": 1}", "\"set\": {\"model.norm\": {\"type\": \"rsm\"}}");
        assertProblem(problem(spec), "variants[0].set['model.norm']", at(spec, "\"model.norm\": ", "{"),
                "unknown norm type 'rsm'", "Did you mean 'rms'?", "(in variant one-head)");
    }

    @Test
    void aRuleOfAPluginInsideAnAxisValue() {
        String spec = quick("\"window\": 4", "\"window\": 0");
        assertProblem(problem(spec), "axes['model.attention'][1].window", at(spec, "\"window\": ", "0"),
                "must be >= 1 (got 0)", "(in variant attention=restricted(window=0))");
    }

    @Test
    void unknownTaskType() {
        String spec = quick("\"type\": \"copy\"", "\"type\": \"cpy\"");
        assertProblem(problem(spec), "task", at(spec, "\"task\": ", "{"), "unknown", "'cpy'");
    }

    @Test
    void unknownTaskTypeListsTheKnownTypes() {
        String spec = quick("\"type\": \"copy\"", "\"type\": \"cpy\"");
        assertProblem(problem(spec), "task", at(spec, "\"task\": ", "{"), "unknown",
                "copy, first-last, listops, lm, parallel, reverse, sort", "Did you mean 'copy'?");
    }

    @Test
    void unknownScheduleTypeListsTheKnownTypes() {
        String spec = quick("\"type\": \"noam\"", "\"type\": \"noma\"");
        assertProblem(problem(spec), "base.training.schedule", at(spec, "\"schedule\": ", "{"),
                "'noma'", "constant, linear-warmup, noam", "Did you mean 'noam'?");
    }

    @Test
    void anInvalidTaskValue() {
        String spec = quick("\"length\": 24", "\"length\": 0");
        assertProblem(problems(spec).get(0), "task.length", at(spec, "\"length\": ", "0"), "must be >= 1", "(got 0)");
    }

    @Test
    void aMisspelledTaskFieldIsNamed() {
        String spec = quick("\"length\": 24", "\"lenght\": 24");
        List<ConfigProblem> problems = problems(spec);
        assertThat(problems).anySatisfy(p -> assertProblem(p, "task.lenght", at(spec, "\"lenght\": ", "24"),
                "unknown field 'lenght'", "Did you mean 'length'?"));
    }

    @Test
    void aMisspelledNestedTrainingFieldIsNamed() {
        String spec = quick("\"warmup\": 400", "\"warmpu\": 400");
        assertThat(problems(spec)).anySatisfy(p -> assertProblem(p, "base.training.schedule.warmpu",
                at(spec, "\"warmpu\": ", "400"), "unknown field 'warmpu'", "Did you mean 'warmup'?"));
    }

    // ---- dotted paths in axes and variants

    @Test
    void unknownDottedPathInAxes() {
        String spec = quick("\"model.attention\": [", "\"model.atention\": [");
        assertProblem(problem(spec), "axes['model.atention']", at(spec, "\"model.atention\": ", "["),
                "unknown path 'model.atention'", "model.heads", "Did you mean 'model.attention'?");
    }

    @Test
    void unknownFirstSegmentOfADottedPath() {
        String spec = quick("\"model.attention\": [", "\"modle.attention\": [");
        assertProblem(problem(spec), "axes['modle.attention']", at(spec, "\"modle.attention\": ", "["),
                "unknown path 'modle.attention'", "paths start with model, training, evaluation", "Did you mean 'model'?");
    }

    @Test
    void unknownDottedPathInAVariant() {
        String spec = quick("\"model.heads\": 1", "\"model.haeds\": 1");
        assertProblem(problem(spec), "variants[0].set['model.haeds']", at(spec, "\"model.haeds\": ", "1"),
                "unknown path 'model.haeds'", "Did you mean 'model.heads'?");
    }

    @Test
    void aDottedPathBelowAPlainValue() {
        String spec = quick("\"model.heads\": 1", "\"model.heads.count\": 1");
        assertProblem(problem(spec), "variants[0].set['model.heads.count']", at(spec, "\"model.heads.count\": ", "1"),
                "unknown path 'model.heads.count'", "model.heads has no fields");
    }

    @Test
    void anAxisThatIsNotAnArray() {
        String spec = quick("[{\"type\": \"full\"}, {\"type\": \"restricted\", \"window\": 4}, {\"type\": \"additive\"}]",
                "{\"type\": \"full\"}");
        assertProblem(problem(spec), "axes['model.attention']", at(spec, "\"model.attention\": ", "{"),
                "expected a non-empty array of values for model.attention");
    }

    @Test
    void anEmptyAxis() {
        String spec = quick("[{\"type\": \"full\"}, {\"type\": \"restricted\", \"window\": 4}, {\"type\": \"additive\"}]", "[]");
        assertProblem(problem(spec), "axes['model.attention']", at(spec, "\"model.attention\": ", "["),
                "expected a non-empty array of values for model.attention");
    }

    @Test
    void axesThatAreNotAnObject() {
        String spec = small("\"axes\": [1, 2]");
        assertProblem(problem(spec), "axes", at(spec, "["), "expected an object");
    }

    @Test
    void variantsThatAreNotAnArray() {
        String spec = small("\"variants\": {\"name\": \"x\"}");
        assertProblem(problem(spec), "variants", at(spec, "\"variants\": ", "{"), "expected a non-empty array");
    }

    @Test
    void aVariantWithAnUnknownField() {
        String spec = quick("\"set\": {\"model.heads\": 1}", "\"sets\": {\"model.heads\": 1}");
        assertProblem(problem(spec), "variants[0].sets", at(spec, "\"sets\": ", "{"),
                "unknown field 'sets'", "Did you mean 'set'?");
    }

    // ---- rules of the resolved configs

    @Test
    void aValueSetByAVariantThatBreaksARule() {
        String spec = quick("\"model.heads\": 1", "\"model.heads\": 3");
        assertProblem(problem(spec), "variants[0].set['model.heads']", at(spec, "\"model.heads\": ", "3"),
                "must divide dModel (64) evenly", "(got 3)", "(in variant one-head)");
    }

    @Test
    void headsNotDividingDModelInTheBase() {
        String spec = quick("\"heads\": 4", "\"heads\": 3");
        // reported once, though three of the four variants inherit it
        assertProblem(problem(spec), "base.model.heads", at(spec, "\"heads\": ", "3"), "must divide dModel (64) evenly", "(got 3)");
    }

    @Test
    void aVariantSettingThatBreaksARuleOfAnotherFieldIsNamed() {
        String spec = quick("\"model.heads\": 1", "\"model.dModel\": 66");
        ConfigProblem p = problem(spec);
        assertThat(p.message()).contains("must divide dModel (66) evenly", "(in variant one-head)");
        assertThat(p.path()).startsWith("variants[0]");
    }

    @Test
    void learnedPositionsShorterThanTheTask() {
        String spec = quick("{\"type\": \"sinusoidal\"}", "{\"type\": \"learned\", \"maxLength\": 8}");
        assertProblem(problem(spec), "base.model.positional.maxLength", at(spec, "\"maxLength\": ", "8"),
                "must cover the task's longest sequence", "(got 8)");
    }

    @Test
    void learnedPositionsSetByAVariant() {
        String spec = quick("\"set\": {\"model.heads\": 1}", "\"set\": {\"model.positional\": {\"type\": \"learned\", \"maxLength\": 8}}");
        assertProblem(problem(spec), "variants[0].set['model.positional'].maxLength", at(spec, "\"maxLength\": ", "8"),
                "must cover the task's longest sequence", "(in variant one-head)");
    }

    @Test
    void crossAttentionWithoutTheCapability() {
        String spec = quick("\"crossAttention\": {\"type\": \"full\"}", "\"crossAttention\": {\"type\": \"restricted\"}");
        assertProblem(problem(spec), "base.model.crossAttention", at(spec, "\"crossAttention\": ", "{"),
                "'restricted' cannot attend across sequences", "'full'");
    }

    @Test
    void crossAttentionWithoutTheCapabilitySetByAVariant() {
        String spec = quick("\"set\": {\"model.heads\": 1}", "\"set\": {\"model.crossAttention\": {\"type\": \"restricted\", \"window\": 2}}");
        assertProblem(problem(spec), "variants[0].set['model.crossAttention']",
                at(spec, "\"model.crossAttention\": ", "{"), "'restricted' cannot attend across sequences", "(in variant one-head)");
    }

    @Test
    void aMetricTheTaskDoesNotHave() {
        String spec = quick("\"metric\": \"exactMatch\"", "\"metric\": \"accuracy\"");
        assertProblem(problem(spec), "base.evaluation.metric", at(spec, "\"metric\": ", "\"accuracy\""),
                "'accuracy' is not a metric of a sequence-to-sequence task",
                "known: loss, perplexity, tokenAccuracy, exactMatch, bleu, chrf");
    }

    @Test
    void aMisspelledMetricIsSuggested() {
        String spec = quick("\"metric\": \"exactMatch\"", "\"metric\": \"exactMacth\"");
        assertProblem(problem(spec), "base.evaluation.metric", at(spec, "\"metric\": ", "\"exactMacth\""),
                "'exactMacth' is not a metric", "Did you mean 'exactMatch'?");
    }

    @Test
    void aFamilyTheTaskCannotUse() {
        String spec = quick("\"family\": \"encoder-decoder\"", "\"family\": \"decoder\"");
        assertProblem(problem(spec), "base.model.family", at(spec, "\"family\": ", "\"decoder\""),
                "the task is sequence-to-sequence, which needs the encoder-decoder family (got decoder)");
    }

    @Test
    void aFamilySetByAVariant() {
        String spec = quick("\"set\": {\"model.heads\": 1}", "\"set\": {\"model.family\": \"encoder\"}");
        assertProblem(problem(spec), "variants[0].set['model.family']", at(spec, "\"model.family\": ", "\"encoder\""),
                "needs the encoder-decoder family (got encoder)", "(in variant one-head)");
    }

    // ---- seeds, variants, baseline, name, task

    @Test
    void duplicateSeeds() {
        String spec = quick("\"seeds\": [1, 2]", "\"seeds\": [1, 2, 1]");
        assertProblem(problem(spec), "seeds[2]", at(spec, "\"seeds\": [1, 2, ", "1"), "seed 1 is listed twice");
    }

    @Test
    void aNonIntegerSeed() {
        String spec = quick("\"seeds\": [1, 2]", "\"seeds\": [1, 2.5]");
        assertProblem(problem(spec), "seeds[1]", at(spec, "\"seeds\": [1, ", "2.5"), "expected an integer >= 0, got 2.5");
    }

    @Test
    void aStringSeedAndANegativeSeed() {
        String spec = quick("\"seeds\": [1, 2]", "\"seeds\": [\"1\", -2]");
        List<ConfigProblem> problems = problems(spec);
        assertThat(problems).hasSize(2);
        assertProblem(problems.get(0), "seeds[0]", at(spec, "\"seeds\": ", "\"1\""), "expected an integer >= 0, got \"1\"");
        assertProblem(problems.get(1), "seeds[1]", at(spec, "\"seeds\": ", "-2"), "expected an integer >= 0, got -2");
    }

    @Test
    void seedsThatAreNotANonEmptyArray() {
        String empty = quick("\"seeds\": [1, 2]", "\"seeds\": []");
        assertProblem(problem(empty), "seeds", at(empty, "\"seeds\": ", "["), "expected a non-empty array of integers");
        String number = quick("\"seeds\": [1, 2]", "\"seeds\": 1");
        assertProblem(problem(number), "seeds", at(number, "\"seeds\": ", "1"), "expected a non-empty array of integers");
    }

    @Test
    void duplicateVariantIds() {
        String spec = quick("\"name\": \"one-head\"", "\"name\": \"attention=full\"");
        assertProblem(problem(spec), "variants[0].name", at(spec, "{\"name\": ", "\"attention=full\""),
                "variant id 'attention=full' is already used by axes['model.attention'][0]", "ids must be unique");
    }

    @Test
    void twoVariantsWithOneName() {
        String spec = quick("{\"name\": \"one-head\", \"set\": {\"model.heads\": 1}}",
                "{\"name\": \"v\", \"set\": {\"model.heads\": 1}}, {\"name\": \"v\", \"set\": {\"model.heads\": 2}}");
        assertProblem(problem(spec), "variants[1].name", at(spec, "\"model.heads\": 1}}, {\"name\": ", "\"v\""),
                "variant id 'v' is already used by variants[0].name");
    }

    @Test
    void aVariantNameWithASlash() {
        String spec = quick("\"name\": \"one-head\"", "\"name\": \"one/head\"");
        assertProblem(problem(spec), "variants[0].name", at(spec, "\"one/head\""), "expected a name of letters, digits");
    }

    @Test
    void aVariantWithoutAName() {
        String spec = quick("{\"name\": \"one-head\", \"set\": {\"model.heads\": 1}}", "{\"set\": {\"model.heads\": 1}}");
        assertProblem(problem(spec), "variants[0]", at(spec, "\"variants\": [", "{"), "expected a name");
    }

    @Test
    void aVariantNamedDotDot() {
        for (String name : List.of("..", ".")) {
            String spec = quick("\"name\": \"one-head\"", "\"name\": \"" + name + "\"");
            assertProblem(problem(spec), "variants[0].name", at(spec, "\"" + name + "\""), "expected a name");
        }
    }

    @Test
    void aBaselineNamingNoVariant() {
        String spec = quick("\"seeds\": [1, 2]", "\"seeds\": [1, 2], \"baseline\": \"one-heads\"");
        assertProblem(problem(spec), "baseline", at(spec, "\"one-heads\""),
                "expected one of the variant ids: attention=full, attention=restricted(window=4), attention=additive, one-head",
                "Did you mean 'one-head'?");
    }

    // ---- expect

    private static String expecting(String claims) {
        return quick("\"seeds\": [1, 2]", "\"seeds\": [1, 2], \"expect\": [" + claims + "]");
    }

    @Test
    void aClaimNamingAnUnknownVariantOrMetricSuggestsTheKnownOnes() {
        String spec = expecting("{\"variant\": \"one-heads\", \"vs\": \"attention=full\", \"metric\": \"exactMatsh\", "
                + "\"direction\": \"lower\"}");
        List<ConfigProblem> problems = problems(spec);
        assertThat(problems).hasSize(2);
        assertProblem(problems.get(0), "expect[0].variant", at(spec, "\"one-heads\""), "'one-heads' is not a variant id; "
                + "known: attention=full, attention=restricted(window=4), attention=additive, one-head.",
                "Did you mean 'one-head'?");
        assertProblem(problems.get(1), "expect[0].metric", at(spec, "\"exactMatsh\""), "'exactMatsh' is not a metric of "
                + "a sequence-to-sequence task; known: ", "Did you mean 'exactMatch'?");
    }

    @Test
    void aClaimsDirectionMarginAndFieldsAreChecked() {
        String spec = expecting("{\"variant\": \"one-head\", \"vs\": \"one-head\", \"metric\": \"exactMatch\", "
                + "\"direction\": \"same\"}, {\"variant\": \"one-head\", \"vs\": \"attention=full\", \"metric\": \"loss\", "
                + "\"direction\": \"higher\", \"margin\": 0.1}, {\"variant\": \"one-head\", \"vs\": \"attention=full\", "
                + "\"metric\": \"loss\", \"direction\": \"worse\", \"marginn\": 1}");
        List<ConfigProblem> problems = problems(spec);
        assertThat(problems).extracting(ConfigProblem::path).containsExactlyInAnyOrder("expect[0].vs", "expect[0].margin",
                "expect[1].margin", "expect[2].marginn", "expect[2].direction");
        assertThat(problems).extracting(ConfigProblem::message).anySatisfy(m -> assertThat(m)
                .isEqualTo("a claim compares two different variants (both are 'one-head')"));
        assertThat(problems).extracting(ConfigProblem::message).anySatisfy(m -> assertThat(m)
                .startsWith("direction \"same\" needs a margin > 0").contains("exactMatch's units", "(got none)"));
        assertThat(problems).extracting(ConfigProblem::message).anySatisfy(m -> assertThat(m)
                .isEqualTo("a margin belongs to direction \"same\" only (this claim is \"higher\")"));
        assertThat(problems).extracting(ConfigProblem::message).anySatisfy(m -> assertThat(m)
                .isEqualTo("'worse' is not a direction; known: higher, lower, same."));
        assertThat(problems).extracting(ConfigProblem::message).anySatisfy(m -> assertThat(m)
                .contains("unknown field 'marginn'", "Did you mean 'margin'?"));
    }

    @Test
    void validClaimsAreKeptInTheSpec() {
        ExperimentPlan plan = SpecTesting.read(expecting("{\"variant\": \"one-head\", \"vs\": \"attention=full\", "
                + "\"metric\": \"exactMatch\", \"direction\": \"same\", \"margin\": 0.05}"));
        assertThat(plan.spec().expect()).containsExactly(new dev.ablate.store.Expectation("one-head", "attention=full",
                "exactMatch", dev.ablate.store.Expectation.Direction.SAME, 0.05));
        assertThat(plan.spec().expect().get(0).sentence()).isEqualTo("one-head same as attention=full on exactMatch (±0.05)");
    }

    @Test
    void aMissingName() {
        String spec = quick("\"name\": \"quick-attention\",", "");
        assertProblem(problem(spec), "", new int[] {1, 1}, "missing \"name\"");
    }

    @Test
    void anExperimentNameThatIsNoFolder() {
        for (String name : List.of("a/b", "..", ".hidden", "")) {
            String spec = quick("\"name\": \"quick-attention\"", "\"name\": \"" + name + "\"");
            assertProblem(problem(spec), "name", at(spec, "\"name\": ", "\"" + name + "\""), "expected a folder-safe name");
        }
    }

    @Test
    void aMissingTask() {
        String spec = quick("\"task\": {\"type\": \"copy\", \"length\": 24, \"vocabSize\": 16, \"trainSize\": 400, "
                + "\"validSize\": 20, \"testSize\": 20},", "");
        assertProblem(problem(spec), "", new int[] {1, 1}, "missing \"task\"");
    }

    @Test
    void aTaskWithoutAType() {
        String spec = small("").replace("\"type\": \"copy\", ", "");
        ConfigProblem p = problem(spec);
        assertThat(p.path()).isEqualTo("task");
        assertThat(p.message()).contains("missing \"type\"");
    }

    @Test
    void aTaskFileThatIsMissing() {
        String spec = "{\"name\": \"lm\", \"task\": {\"type\": \"lm\", \"file\": \"no-such-file.txt\"}, "
                + "\"base\": {\"model\": {\"family\": \"decoder\"}}}";
        assertProblem(problem(spec), "task", at(spec, "\"task\": ", "{"), "no-such-file.txt", "no such file");
    }

    @Test
    void aTaskThatIsNoObject() {
        String spec = "{\"name\": \"x\", \"task\": 5}";
        ConfigProblem p = problem(spec);
        assertThat(p.path()).isEqualTo("task");
        assertThat(new int[] {p.line(), p.column()}).containsExactly(at(spec, "\"task\": ", "5"));
    }

    @Test
    void aFileWithAByteOrderMarkReads(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("bom.json");
        Files.writeString(file, "\uFEFF" + small(""), StandardCharsets.UTF_8);
        assertThat(SpecTesting.READER.read(file).variants()).extracting(Variant::id).containsExactly("base");
    }

    // ---- several at once

    @Test
    void everyMistakeIsReportedAtOnce() {
        String spec = """
                {
                  "name": "bad/name",
                  "seed": [1],
                  "task": {"type": "copy", "length": 24},
                  "base": {
                    "model": {"dModel": 64, "heads": 3},
                    "evaluation": {"metric": "accuracy"}
                  },
                  "axes": {"model.atention": [{"type": "full"}]},
                  "variants": [{"name": "a/b", "set": {"model.layers": 1}}],
                  "seeds": [1, 1],
                  "baseline": "nothing"
                }
                """;
        ConfigException e = failure(spec);
        List<ConfigProblem> problems = e.problems();
        assertThat(problems).hasSizeGreaterThanOrEqualTo(4);
        assertThat(problems).doesNotHaveDuplicates();
        assertThat(problems).extracting(ConfigProblem::path).doesNotHaveDuplicates();
        assertThat(problems).extracting(ConfigProblem::path).contains(
                "seed", "name", "seeds[1]", "base.model.heads", "axes['model.atention']", "variants[0].name", "baseline");
        assertThat(problems).allSatisfy(p -> {
            assertThat(p.source()).isEqualTo(SOURCE);
            assertThat(p.line()).isGreaterThan(1);
        });
        assertThat(e.getMessage()).startsWith(problems.size() + " problems:\n");
        assertThat(e.getMessage().lines().skip(1)).hasSize(problems.size());
    }

    @Test
    void aMistakeInTheBaseIsReportedOnceForAllVariants() {
        String spec = quick("\"metric\": \"exactMatch\"", "\"metric\": \"acuracy\"");
        spec = SpecTesting.edit(spec, "\"family\": \"encoder-decoder\"", "\"family\": \"decoder\"");
        List<ConfigProblem> problems = problems(spec);
        assertThat(problems).extracting(ConfigProblem::path).containsExactlyInAnyOrder("base.model.family", "base.evaluation.metric");
    }

    @Test
    void aBadAxisValueIsReportedOnceInAGrid() {
        String spec = small("\"axes\": {\"model.attention\": [{\"type\": \"fulll\"}, {\"type\": \"full\"}], "
                + "\"training.steps\": [3, 4, 5]}");
        assertThat(problems(spec)).singleElement().satisfies(p -> assertProblem(p, "axes['model.attention'][0]",
                at(spec, "{\"type\": \"fulll\"}"), "unknown attention type 'fulll'"));
    }

    @Test
    void aRepeatedValueInALaterAxisIsLocated() {
        String spec = small("\"axes\": {\"model.layers\": [1, 2], \"training.steps\": [3, 3]}");
        List<ConfigProblem> problems = problems(spec);
        assertThat(problems).allSatisfy(p -> {
            assertThat(p.path()).isEqualTo("axes['training.steps'][1]");
            assertThat(p.message()).doesNotContain("already used by " + p.path() + ";");
        });
    }

    @Test
    void anAxisIntoAnOmittedPluginIsReportedAtTheAxis() {
        String spec = small("\"axes\": {\"model.attention.window\": [1, 2]}");
        assertThat(problems(spec)).allSatisfy(p -> assertThat(p.path()).startsWith("axes['model.attention.window']"));
    }

    @Test
    void anAxisIntoAPluginWithoutThatField() {
        String spec = small("\"base\": {\"model\": {\"attention\": {\"type\": \"full\"}}}, "
                + "\"axes\": {\"model.attention.window\": [1]}");
        assertProblem(problem(spec), "axes['model.attention.window'][0]", at(spec, "\"model.attention.window\": [", "1"),
                "unknown field 'window'", "known fields: dropout, scaled", "(in variant window=1)");
    }
}
