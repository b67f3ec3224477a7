package dev.ablate.cli;

import java.io.PrintWriter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * What every subcommand of {@code ablate} has: the top command, which holds the plugins of this
 * invocation and their injector, and its own spec, which holds its output streams.
 */
abstract class Subcommand {

    @ParentCommand
    AblateCommand parent;

    @Spec
    CommandSpec spec;

    /** An instance of {@code type}, wired with the plugins this invocation loaded. */
    <T> T instance(Class<T> type) {
        return parent.injector().getInstance(type);
    }

    PrintWriter out() {
        return spec.commandLine().getOut();
    }

    /** The subcommand's usage, for a command that only groups others. */
    void usage() {
        spec.commandLine().usage(out());
    }
}
