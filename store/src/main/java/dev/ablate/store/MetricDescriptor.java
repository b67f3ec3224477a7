package dev.ablate.store;

/**
 * A metric as the run store records it in experiment.json: its name, which way it improves, and
 * whether computing it needs decoded outputs (slower than teacher forcing).
 */
public record MetricDescriptor(String name, boolean higherIsBetter, boolean decoded) {

    /** Whether {@code value} is better than {@code than}. */
    public boolean better(double value, double than) {
        return higherIsBetter ? value > than : value < than;
    }
}
