/**
 * Data, apart from training: tasks (synthetic and from files) and their kinds, vocabularies and
 * byte-pair encoding, metrics (sacreBLEU's BLEU and chrF among them), and corpora built on this
 * machine. Nothing here uses DJL.
 */
module dev.ablate.tasks {
    requires transitive dev.ablate.core;
    requires transitive dev.ablate.store;

    exports dev.ablate.tasks;
    exports dev.ablate.tasks.metrics;
    exports dev.ablate.tasks.corpus;

    // Task config records are read and written by Jackson.
    opens dev.ablate.tasks to com.fasterxml.jackson.databind;
}
