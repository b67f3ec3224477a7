package dev.ablate.experiments.training;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/** The optimizer of a run, chosen by {@code "type"}; the paper's is {@code adam}. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({@JsonSubTypes.Type(AdamConfig.class)})
public sealed interface OptimizerConfig permits AdamConfig {

    /** A new optimizer with these settings and no state. */
    Optimizer create();
}
