package dev.ablate.experiments.spec;

/** One training run: a variant and a seed. Its folder in the run store is {@code <variant id>/seed-<seed>}. */
public record PlannedRun(Variant variant, int seed) {

    /** {@code <variant id>/seed-<seed>}: its folder in the run store, and how a command line names it. */
    public String id() {
        return variant.id() + "/seed-" + seed;
    }

    public String label() {
        return variant.id() + " seed " + seed;
    }
}
