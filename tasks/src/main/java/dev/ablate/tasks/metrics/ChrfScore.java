package dev.ablate.tasks.metrics;

/**
 * A corpus chrF score.
 *
 * @param score     chrF2, 0 to 100
 * @param signature sacreBLEU's reproducibility signature of the settings used
 */
public record ChrfScore(double score, String signature) implements CorpusScore {

    /** The line sacreBLEU prints for the score, such as {@code chrF2 = 61.35}. */
    @Override
    public String toString() {
        return "chrF2 = " + PyText.fixed(score, 2);
    }
}
