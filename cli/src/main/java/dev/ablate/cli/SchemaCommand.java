package dev.ablate.cli;

import dev.ablate.core.error.UserException;
import dev.ablate.core.io.AtomicFiles;
import dev.ablate.core.registry.ComponentRegistry;
import dev.ablate.experiments.spec.SpecSchema;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ablate schema}: the JSON Schema of experiment specs, with the plugins installed here. */
@Command(
        name = "schema",
        header = "Print the JSON Schema of experiment specs, with the installed plugins.",
        description = {"Print the JSON Schema (draft 2020-12) of experiment specs, for editors and other tools: every "
                + "field with its description, strict (unknown fields are errors), each task, optimizer, schedule, "
                + "decoding and plugin config chosen by its \"type\". The plugin types are those installed here, so "
                + "rerun it after adding a plugin. The schema checks names, types and enum values; `ablate validate` "
                + "checks the rest. docs/spec.schema.json is this output with the built-in plugins."},
        mixinStandardHelpOptions = true)
final class SchemaCommand extends Subcommand implements Callable<Integer> {

    @Option(names = "--out", paramLabel = "FILE",
            description = "Write the schema to FILE (replaced atomically) instead of printing it.")
    Path out;

    @Override
    public Integer call() {
        String schema = SpecSchema.generate(instance(ComponentRegistry.class));
        if (out == null) {
            PrintWriter stdout = spec.commandLine().getOut();
            stdout.print(schema);
            stdout.flush();
            return 0;
        }
        try {
            writeReadable(out, schema);
        } catch (IOException e) {
            throw new UserException(out + ": cannot write (" + e.getClass().getSimpleName() + ": " + e.getMessage() + ")");
        }
        return 0;
    }

    /**
     * Replaces {@code file} atomically, keeping its permissions; a new file is readable by all
     * (rw-r--r--), not only by its owner like the temporary file it starts as.
     */
    static void writeReadable(Path file, String content) throws IOException {
        Set<PosixFilePermission> permissions = PosixFilePermissions.fromString("rw-r--r--");
        if (Files.exists(file) && Files.getFileStore(file).supportsFileAttributeView(PosixFileAttributeView.class)) {
            permissions = Files.getPosixFilePermissions(file);
        }
        AtomicFiles.writeString(file, content);
        if (Files.getFileStore(file).supportsFileAttributeView(PosixFileAttributeView.class)) {
            Files.setPosixFilePermissions(file, permissions);
        }
    }
}
