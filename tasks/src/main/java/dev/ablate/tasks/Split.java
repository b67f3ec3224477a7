package dev.ablate.tasks;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The three parts of a task's data. */
public enum Split {
    @JsonProperty("train") TRAIN,
    @JsonProperty("valid") VALID,
    @JsonProperty("test") TEST;

    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
