package dev.ablate.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.PrintWriter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * What every subcommand of {@code ablate} has: the top command, which holds the plugins of this
 * invocation and their injector, and its own spec, which holds its output streams.
 */
abstract class Subcommand {

    /** How --json prints: indented, fields as the records declare them. */
    private static final ObjectWriter JSON = JsonMapper.builder().build().writerWithDefaultPrettyPrinter();

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

    /** {@code value} as indented JSON on {@code out}, for a command's --json. */
    static void printJson(PrintWriter out, Object value) throws JsonProcessingException {
        out.println(JSON.writeValueAsString(value));
    }

    /** The subcommand's usage, for a command that only groups others. */
    void usage() {
        spec.commandLine().usage(out());
    }
}
