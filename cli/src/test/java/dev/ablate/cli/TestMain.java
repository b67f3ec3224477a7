package dev.ablate.cli;

import static dev.ablate.cli.CommandResult.run;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line in-process: output, JSON shape, exit codes, and no stack traces for user errors. */
final class TestMain {

    @Test
    void versionNamesAblateAndTheEngine() {
        CommandResult r = run("--version");
        assertThat(r.status()).isZero();
        assertThat(r.out()).startsWith("ablate 0.1.0").contains("DJL 0.35.1, PyTorch 2.7.1");
    }

    @Test
    void helpListsTheCommands() {
        CommandResult r = run("--help");
        assertThat(r.status()).isZero();
        assertThat(r.out()).contains("Usage: ablate").contains("plugins").contains("info").contains("Exit status");
        assertThat(run().out()).as("no arguments print the usage").contains("Usage: ablate");
    }

    @Test
    void pluginsJsonListsEveryBuiltInWithParametersCapabilitiesAndComplexity() throws Exception {
        CommandResult r = run("plugins", "--json");
        assertThat(r.status()).isZero();
        JsonNode plugins = new ObjectMapper().readTree(r.out());
        List<String> ids = new ArrayList<>();
        plugins.forEach(p -> ids.add(p.get("kind").asText() + ":" + p.get("id").asText()));
        assertThat(ids).containsExactly("attention:additive", "attention:full", "attention:restricted",
                "positional:alibi", "positional:learned", "positional:none", "positional:relative", "positional:rotary",
                "positional:sinusoidal", "norm:batch", "norm:layer", "norm:none", "norm:rms");
        JsonNode full = plugins.get(1);
        assertThat(full.at("/parameters/scaled/default").asBoolean()).isTrue();
        assertThat(full.at("/parameters/scaled/type").asText()).isEqualTo("boolean");
        assertThat(full.at("/capabilities/crossAttention").asBoolean()).isTrue();
        assertThat(full.at("/complexity/perLayer").asText()).isEqualTo("O(n²·d)");
        assertThat(full.at("/complexity/at/n").asLong()).isEqualTo(512);
        JsonNode restricted = plugins.get(2);
        assertThat(restricted.at("/parameters/window/default").asInt()).isEqualTo(16);
        assertThat(restricted.at("/capabilities/crossAttention").asBoolean()).isFalse();
        assertThat(restricted.at("/complexity/maximumPathLength").asText()).isEqualTo("O(n/r)");
        assertThat(full.at("/acceptsPositions").toString()).isEqualTo("[\"alibi\",\"relative\",\"rotary\"]");
        assertThat(plugins.get(0).at("/acceptsPositions").toString()).as("additive: no dot product to rotate")
                .isEqualTo("[\"alibi\",\"relative\"]");
        JsonNode alibi = plugins.get(3);
        assertThat(alibi.at("/capabilities/biasesScores").asBoolean()).isTrue();
        assertThat(alibi.at("/capabilities/rotatesQueryKey").asBoolean()).isFalse();
        assertThat(alibi.at("/acceptedBy").toString()).isEqualTo("[\"additive\",\"full\",\"restricted\"]");
        assertThat(plugins.get(4).at("/capabilities/maxLength").asInt()).isEqualTo(512);
        assertThat(plugins.get(4).has("acceptedBy")).as("learned acts on the embeddings").isFalse();
        JsonNode rotary = plugins.get(7);
        assertThat(rotary.at("/capabilities/rotatesQueryKey").asBoolean()).isTrue();
        assertThat(rotary.at("/parameters/fraction/default").asDouble()).isEqualTo(1.0);
        assertThat(rotary.at("/acceptedBy").toString()).isEqualTo("[\"full\",\"restricted\"]");
        assertThat(plugins.get(6).at("/parameters/buckets/default").asInt()).isEqualTo(32);
        assertThat(plugins.get(9).at("/complexity").isNull()).isTrue();
    }

    @Test
    void pluginsTextShowsEachPluginAndTable1() {
        CommandResult r = run("plugins", "--kind", "attention", "--n", "4096", "--d-model", "64", "--heads", "4");
        assertThat(r.status()).isZero();
        assertThat(r.out()).contains("full ").contains("restricted ").contains("window = 16")
                .contains("no cross-attention").contains("| restricted | O(r·n·d) | O(1) | O(n/r) |")
                .contains("on the embeddings, or inside attention: alibi, relative, rotary")
                .doesNotContain("sinusoidal");
        CommandResult positional = run("plugins", "--kind", "positional");
        assertThat(positional.out()).contains("rotates q and k inside every self-attention")
                .contains("works with additive, full, restricted").contains("works with full, restricted");
    }

    @Test
    void userErrorsExitWith2AndOneMessage() {
        CommandResult unknown = run("plugins", "fulll");
        assertThat(unknown.status()).isEqualTo(2);
        assertThat(unknown.err()).isEqualTo("ablate: no plugin has the id 'fulll'; known ids: additive, alibi, batch, "
                + "full, layer, learned, none, relative, restricted, rms, rotary, sinusoidal. Did you mean 'full'?" + System.lineSeparator());
        CommandResult kind = run("plugins", "--kind", "norm", "layr");
        assertThat(kind.status()).isEqualTo(2);
        assertThat(kind.err()).contains("unknown norm plugin 'layr'").contains("Did you mean 'layer'?").doesNotContain("\tat ");
        CommandResult option = run("plugins", "--bogus");
        assertThat(option.status()).isEqualTo(2);
        assertThat(option.err()).contains("Unknown option: '--bogus'");
        CommandResult device = run("info", "--device", "tpu");
        assertThat(device.status()).isEqualTo(2);
        assertThat(device.err()).contains("unknown device 'tpu'").doesNotContain("Exception");
    }

    private static final String TINY_SPEC = """
            {"name": "tiny", "task": {"type": "copy", "length": 4, "vocabSize": 6, "trainSize": 64, "validSize": 8, "testSize": 8},
             "base": {"model": {"layers": 1, "dModel": 16, "heads": 2, "dFF": 32},
                      "training": {"steps": 4, "batchSize": 8, "evalEvery": 2}},
             "axes": {"model.attention": [{"type": "full"}, {"type": "restricted", "window": 2}]},
             "seeds": [1, 2]}
            """;

    @Test
    void validateCountsTheRunsOfAGoodSpec(@TempDir Path dir) throws Exception {
        Path spec = Files.writeString(dir.resolve("tiny.json"), TINY_SPEC);
        CommandResult r = run("validate", spec.toString());
        assertThat(r.status()).as(r.err()).isZero();
        assertThat(r.out()).startsWith("ok: 4 runs (2 variants × 2 seeds)").contains("attention=restricted(window=2)");
    }

    @Test
    void validateReportsEveryProblemWithItsPlaceAndExits2(@TempDir Path dir) throws Exception {
        Path spec = Files.writeString(dir.resolve("bad.json"), """
                {"name": "bad", "task": {"type": "copy", "length": 4},
                 "base": {"model": {"heads": 3, "dModel": 16}},
                 "axes": {"model.atention": [{"type": "full"}]},
                 "seed": [1]}
                """);
        CommandResult r = run("validate", spec.toString());
        assertThat(r.status()).isEqualTo(2);
        assertThat(r.err()).startsWith("ablate: 3 problems:")
                .contains(spec + ":4:10: seed: unknown field 'seed'").contains("Did you mean 'seeds'?")
                .contains(spec + ":2:30: base.model.heads: must divide dModel (16) evenly, unless headDim is given (got 3)")
                .contains(spec + ":3:29: axes['model.atention']: unknown path 'model.atention'")
                .contains("Did you mean 'model.attention'?")
                .doesNotContain("\tat ");
    }

    @Test
    void runDryRunPrintsThePlanWithParameterCounts(@TempDir Path dir) throws Exception {
        Path spec = Files.writeString(dir.resolve("tiny.json"), TINY_SPEC);
        CommandResult r = run("run", spec.toString(), "--dry-run", "--out", dir.resolve("runs").toString(), "--device", "cpu");
        assertThat(r.status()).as(r.err()).isZero();
        assertThat(r.out()).contains("tiny: 4 runs (2 variants × 2 seeds) on cpu").contains("attention=full                  5,728       4");
        assertThat(dir.resolve("runs")).doesNotExist();
    }

    @Test
    void schemaIsTheCheckedInOne() throws Exception {
        CommandResult r = run("schema");
        assertThat(r.status()).as(r.err()).isZero();
        assertThat(r.out()).isEqualTo(Files.readString(Path.of("../docs/spec.schema.json")));
    }
}
