package dev.ablate.store;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One line of a run's metrics.jsonl: the training loss every {@code logEvery} steps (split
 * {@code train}, with {@code lr}, {@code gradNorm} when clipping, {@code tokensPerSecond}), the
 * validation metrics every {@code evalEvery} (split {@code valid}), and last the final evaluation
 * (its split, {@code "final": true} and the step whose weights it evaluated). In JSON the values
 * are fields beside {@code step} and {@code split}: {@code {"step": 10, "split": "train", "loss": 2.3, ...}}.
 *
 * @param values the numbers logged, in the order written
 * @param isFinal whether this is the final evaluation's line (a resumed run redoes it)
 * @param evaluatedStep for the final line, the step of the evaluated weights; else null
 */
public record MetricsLine(int step, String split, Map<String, Double> values, boolean isFinal, Integer evaluatedStep) {

    public static final String TRAIN = "train";
    public static final String VALID = "valid";

    private static final String STEP = "step";
    private static final String SPLIT = "split";
    private static final String FINAL = "final";
    private static final String EVALUATED_STEP = "evaluatedStep";

    public MetricsLine {
        values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    /** A training or validation line. */
    public static MetricsLine of(int step, String split, Map<String, Double> values) {
        return new MetricsLine(step, split, values, false, null);
    }

    /** The final evaluation's line, of the weights of {@code evaluatedStep}, after {@code step} updates. */
    public static MetricsLine finalEvaluation(int step, String split, Map<String, Double> values, int evaluatedStep) {
        return new MetricsLine(step, split, values, true, evaluatedStep);
    }

    @JsonValue
    Map<String, Object> json() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put(STEP, step);
        json.put(SPLIT, split);
        json.putAll(values);
        if (isFinal) {
            json.put(FINAL, true);
        }
        if (evaluatedStep != null) {
            json.put(EVALUATED_STEP, evaluatedStep);
        }
        return json;
    }

    @JsonCreator
    static MetricsLine fromJson(Map<String, Object> json) {
        Map<String, Double> values = new LinkedHashMap<>();
        json.forEach((key, value) -> {
            if (value instanceof Number n && !key.equals(STEP) && !key.equals(EVALUATED_STEP)) {
                values.put(key, n.doubleValue());
            }
        });
        Object step = json.get(STEP);
        Object split = json.get(SPLIT);
        Object evaluated = json.get(EVALUATED_STEP);
        return new MetricsLine(step instanceof Number n ? n.intValue() : 0, split instanceof String s ? s : "", values,
                Boolean.TRUE.equals(json.get(FINAL)), evaluated instanceof Number n ? n.intValue() : null);
    }
}
