/** The {@code ablate} command. */
module dev.ablate.cli {
    requires dev.ablate.experiments;
    requires dev.ablate.reports;
    requires dev.ablate.bench;
    requires info.picocli;
    requires me.tongfei.progressbar;

    // picocli reads the annotated command classes reflectively.
    opens dev.ablate.cli to info.picocli;
}
