package dev.ablate.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code ablate data}: corpora for experiments; so far {@code data prepare}. */
@Command(
        name = "data",
        header = "Build corpora for experiments.",
        description = "Corpora built on this machine from public sources, for tasks to read. 'ablate data prepare "
                + "bible-en-es' builds an English-Spanish parallel corpus from two public-domain Bibles.",
        mixinStandardHelpOptions = true,
        subcommands = {DataPrepareCommand.class})
final class DataCommand implements Runnable {

    @ParentCommand
    AblateCommand parent;

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
