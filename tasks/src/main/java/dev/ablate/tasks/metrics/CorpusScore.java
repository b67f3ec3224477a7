package dev.ablate.tasks.metrics;

/** A corpus-level score of texts, as sacreBLEU prints it: the line with the score ({@code toString}) and its signature. */
public interface CorpusScore {

    /** The score, 0 to 100. */
    double score();

    /** sacreBLEU's reproducibility signature of the settings used. */
    String signature();
}
