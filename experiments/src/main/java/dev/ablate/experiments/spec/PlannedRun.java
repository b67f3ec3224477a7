package dev.ablate.experiments.spec;

/** One training run: a variant and a seed. Its folder in the run store is {@code <variant id>/seed-<seed>}. */
public record PlannedRun(Variant variant, int seed) {

    public String label() {
        return variant.id() + " seed " + seed;
    }
}
