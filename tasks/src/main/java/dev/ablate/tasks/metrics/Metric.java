package dev.ablate.tasks.metrics;

import dev.ablate.store.MetricDescriptor;
import java.util.function.ToDoubleFunction;

/**
 * A metric of an evaluation: its descriptor (name, direction, whether it needs decoded outputs) and
 * how its value follows from what the evaluation gathered. The built-in ones are in {@link Metrics};
 * a task kind lists those it reports.
 */
public interface Metric {

    MetricDescriptor descriptor();

    /** The value on a split; for a {@code decoded} metric, {@code outputs} must be decoded. */
    double value(SplitOutputs outputs);

    default String name() {
        return descriptor().name();
    }

    default boolean decoded() {
        return descriptor().decoded();
    }

    /** A metric computed by {@code value}. */
    static Metric of(String name, boolean higherIsBetter, boolean decoded, ToDoubleFunction<SplitOutputs> value) {
        MetricDescriptor descriptor = new MetricDescriptor(name, higherIsBetter, decoded);
        return new Metric() {
            @Override
            public MetricDescriptor descriptor() {
                return descriptor;
            }

            @Override
            public double value(SplitOutputs outputs) {
                return value.applyAsDouble(outputs);
            }

            @Override
            public String toString() {
                return name;
            }
        };
    }
}
