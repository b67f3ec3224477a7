package dev.ablate.experiments.decoding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.ablate.core.config.ConfigException;
import dev.ablate.core.config.ConfigJson;
import dev.ablate.core.registry.ComponentRegistry;
import dev.ablate.core.spi.InvalidConfigException;
import org.junit.jupiter.api.Test;

final class TestDecodingConfig {

    private static final ConfigJson JSON = ComponentRegistry.discover(TestDecodingConfig.class.getClassLoader()).json();

    private static DecodingConfig read(String json) {
        return JSON.read("test decoding", json, DecodingConfig.class);
    }

    @Test
    void omittedFieldsAreThePapersBeam() {
        assertThat(read("{\"type\": \"beam\"}")).isEqualTo(new BeamConfig(4, 0.6)).isEqualTo(new BeamConfig());
        assertThat(read("{\"type\": \"beam\", \"size\": 8}")).isEqualTo(new BeamConfig(8, 0.6));
        assertThat(read("{\"type\": \"beam\", \"alpha\": 0.0}")).isEqualTo(new BeamConfig(4, 0.0));
        assertThat(read("{\"type\": \"greedy\"}")).isEqualTo(new GreedyConfig());
    }

    @Test
    void configsMakeTheirAlgorithms() {
        assertThat(new GreedyConfig().decoding()).isInstanceOf(Greedy.class);
        Decoding beam = new BeamConfig(3, 1.0).decoding();
        assertThat(beam).isInstanceOf(BeamSearch.class);
        assertThat(((BeamSearch) beam).size()).isEqualTo(3);
        assertThat(((BeamSearch) beam).alpha()).isEqualTo(1.0);
    }

    @Test
    void writtenConfigsReadBack() throws JsonProcessingException {
        for (DecodingConfig config : new DecodingConfig[] {new GreedyConfig(), new BeamConfig(5, 0.0)}) {
            String json = JSON.mapper().writeValueAsString(config);
            assertThat(read(json)).as(json).isEqualTo(config);
        }
        assertThat(JSON.mapper().writeValueAsString(new BeamConfig())).isEqualTo("{\"type\":\"beam\",\"size\":4,\"alpha\":0.6}");
        assertThat(JSON.mapper().writeValueAsString(new GreedyConfig())).isEqualTo("{\"type\":\"greedy\"}");
    }

    @Test
    void badValuesAreNamed() {
        assertThatThrownBy(() -> read("{\"type\": \"beam\", \"size\": 0}"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("size: must be >= 1 (got 0)");
        assertThatThrownBy(() -> read("{\"type\": \"beam\", \"alpha\": -0.5}"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("alpha: must be a finite number >= 0 (got -0.5)");
        assertThatThrownBy(() -> read("{\"type\": \"beam\", \"sise\": 3}"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("unknown field 'sise'");
        assertThatThrownBy(() -> read("{\"type\": \"beem\"}")).isInstanceOf(ConfigException.class);
        assertThatThrownBy(() -> read("{\"type\": \"greedy\", \"size\": 3}")).isInstanceOf(ConfigException.class);
        assertThatThrownBy(() -> new BeamConfig(2, Double.NaN)).isInstanceOf(InvalidConfigException.class);
    }
}
