package dev.ablate.store;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** How a run ended, as its result.json says. */
public enum RunStatus {
    /** Trained every step and evaluated. */
    COMPLETED,
    /** Stopped at a NaN or infinite loss; its step is in {@code divergedAtStep}. */
    DIVERGED,
    /** Threw; {@code error} says what. Running the spec again retries it. */
    FAILED;

    @JsonValue
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Whether running the spec again leaves the run alone (completed or diverged; a failed run is retried). */
    public boolean isFinal() {
        return this != FAILED;
    }
}
