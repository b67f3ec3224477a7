package dev.ablate.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;

/** What one in-process {@code ablate} call returned and printed. */
record CommandResult(int status, String out, String err) {

    /** Runs {@code ablate args} with this process's environment. */
    static CommandResult run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new CommandResult(status, out.toString(), err.toString());
    }

    /** Runs {@code ablate args} seeing only {@code environment}. */
    static CommandResult run(Map<String, String> environment, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true), environment);
        return new CommandResult(status, out.toString(), err.toString());
    }
}
