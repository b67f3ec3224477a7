package dev.ablate.experiments.decoding;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * How a spec decodes: {@code {"type": "greedy"}} or {@code {"type": "beam", "size": 4, "alpha": 0.6}}
 * (the paper's settings, also the defaults of omitted fields).
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
    @JsonSubTypes.Type(value = GreedyConfig.class, name = GreedyConfig.TYPE),
    @JsonSubTypes.Type(value = BeamConfig.class, name = BeamConfig.TYPE)
})
public sealed interface DecodingConfig permits GreedyConfig, BeamConfig {

    /** A new decoding algorithm with these settings. */
    Decoding decoding();
}
