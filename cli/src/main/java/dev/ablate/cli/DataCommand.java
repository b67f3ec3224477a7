package dev.ablate.cli;

import picocli.CommandLine.Command;

/** {@code ablate data}: corpora for experiments; so far {@code data prepare}. */
@Command(
        name = "data",
        header = "Build corpora for experiments.",
        description = "Corpora built on this machine from public sources, for tasks to read. 'ablate data prepare "
                + "bible-en-es' builds an English-Spanish parallel corpus from two public-domain Bibles.",
        mixinStandardHelpOptions = true,
        subcommands = {DataPrepareCommand.class})
final class DataCommand extends Subcommand implements Runnable {

    @Override
    public void run() {
        usage();
    }
}
