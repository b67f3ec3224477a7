package dev.ablate.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ablate.core.config.ConfigException;
import dev.ablate.core.config.ConfigJson;
import dev.ablate.core.error.UserException;
import dev.ablate.core.registry.ComponentRegistry;
import java.util.List;
import org.junit.jupiter.api.Test;

final class TestBenchVariants {

    private static final ConfigJson JSON = ComponentRegistry.discover(TestBenchVariants.class.getClassLoader()).json();

    private static List<String> names(String text) {
        return BenchVariants.parse(text, JSON).stream().map(BenchVariant::name).toList();
    }

    @Test
    void namesVariantsTheWayExperimentsDo() {
        assertThat(names("full,restricted:window=32,additive"))
                .containsExactly("full", "restricted(window=32)", "additive");
        assertThat(names(" full , restricted : window = 4 ")).containsExactly("full", "restricted(window=4)");
    }

    @Test
    void aTokenWithEqualsButNoColonContinuesThePreviousVariant() {
        List<BenchVariant> v = BenchVariants.parse("restricted:window=32,dropout=0.1,full", JSON);
        assertThat(v).extracting(BenchVariant::name).containsExactly("restricted(window=32,dropout=0.1)", "full");
        assertThat(v.get(0).json().get("window").asInt()).isEqualTo(32);
        assertThat(v.get(0).json().get("dropout").asDouble()).isEqualTo(0.1);
        assertThat(names("restricted:window=8:dropout=0.2")).as("several settings after colons")
                .containsExactly("restricted(window=8,dropout=0.2)");
    }

    @Test
    void valuesAreJsonScalarsAndTheConfigGetsItsDefaults() {
        List<BenchVariant> v = BenchVariants.parse("full:scaled=false,restricted,additive:queryChunk=8", JSON);
        assertThat(v.get(0).json().toString()).isEqualTo("{\"type\":\"full\",\"scaled\":false,\"dropout\":0.0}");
        assertThat(v.get(1).name()).isEqualTo("restricted");
        assertThat(v.get(1).json().toString()).isEqualTo("{\"type\":\"restricted\",\"window\":16,\"dropout\":0.0}");
        assertThat(v.get(2).json().get("queryChunk").asInt()).isEqualTo(8);
        assertThat(BenchVariants.scalar("32").isInt()).isTrue();
        assertThat(BenchVariants.scalar("0.5").isDouble()).isTrue();
        assertThat(BenchVariants.scalar("true").isBoolean()).isTrue();
        assertThat(BenchVariants.scalar("fast").asText()).isEqualTo("fast");
        assertThat(BenchVariants.scalar("[1]").isTextual()).as("containers stay text").isTrue();
    }

    @Test
    void unknownIdsFieldsAndBadValuesAreOneLineUserErrors() {
        assertThatThrownBy(() -> BenchVariants.parse("fulll", JSON))
                .isInstanceOf(ConfigException.class)
                .hasMessage("--variants 'fulll': unknown attention type 'fulll'; known: additive, full, restricted. "
                        + "Did you mean 'full'?");
        assertThatThrownBy(() -> BenchVariants.parse("full,restricted:windw=32", JSON))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("--variants 'restricted:windw=32': ")
                .hasMessageContaining("unknown field 'windw'")
                .hasMessageEndingWith("Did you mean 'window'?");
        assertThatThrownBy(() -> BenchVariants.parse("restricted:window=0", JSON))
                .isInstanceOf(ConfigException.class)
                .hasMessage("--variants 'restricted:window=0': window: must be >= 1 (got 0)");
        assertThatThrownBy(() -> BenchVariants.parse("restricted:window=wide", JSON))
                .isInstanceOf(ConfigException.class)
                .hasMessage("--variants 'restricted:window=wide': window: expected an integer");
        assertThatThrownBy(() -> BenchVariants.parse("restricted:window=1.5", JSON))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("window: expected an integer");
    }

    @Test
    void malformedListsAreUserErrors() {
        assertThatThrownBy(() -> BenchVariants.parse("window=32,full", JSON)).isInstanceOf(UserException.class)
                .hasMessageContaining("'window=32' sets a field but names no variant");
        assertThatThrownBy(() -> BenchVariants.parse("full,,additive", JSON)).isInstanceOf(UserException.class)
                .hasMessageContaining("empty variant");
        assertThatThrownBy(() -> BenchVariants.parse("full,", JSON)).isInstanceOf(UserException.class)
                .hasMessageContaining("empty variant");
        assertThatThrownBy(() -> BenchVariants.parse(":window=3", JSON)).isInstanceOf(UserException.class)
                .hasMessageContaining("no plugin id");
        assertThatThrownBy(() -> BenchVariants.parse("restricted:window", JSON)).isInstanceOf(UserException.class)
                .hasMessageContaining("'window' in 'restricted:window' is not key=value");
        assertThatThrownBy(() -> BenchVariants.parse("restricted:window=3,window=4", JSON))
                .isInstanceOf(UserException.class).hasMessageContaining("sets 'window' twice");
        assertThatThrownBy(() -> BenchVariants.parse("full,full", JSON)).isInstanceOf(UserException.class)
                .hasMessageContaining("variant 'full' is given twice");
        assertThatThrownBy(() -> BenchVariants.parse("full:type=additive", JSON)).isInstanceOf(UserException.class)
                .hasMessageContaining("the plugin id comes first");
    }
}
