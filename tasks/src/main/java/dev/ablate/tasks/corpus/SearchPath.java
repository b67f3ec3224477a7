package dev.ablate.tasks.corpus;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The folders of a {@code PATH} variable, to find programs as a shell would. Given the variable
 * rather than reading it, so that tests can put fake programs first.
 */
public record SearchPath(List<Path> folders) {

    public SearchPath {
        folders = List.copyOf(folders);
    }

    /** The folders of {@code variable} ({@code null} or empty: none), in order. */
    public static SearchPath of(String variable) {
        List<Path> folders = new ArrayList<>();
        if (variable != null) {
            for (String entry : variable.split(File.pathSeparator)) {
                try {
                    if (!entry.isBlank()) {
                        folders.add(Path.of(entry));
                    }
                } catch (InvalidPathException e) {
                    // A shell skips a folder that cannot exist; so do we.
                }
            }
        }
        return new SearchPath(folders);
    }

    /** The first executable file named {@code program} in the folders. */
    public Optional<Path> find(String program) {
        return folders.stream()
                .map(folder -> folder.resolve(program))
                .filter(file -> Files.isRegularFile(file) && Files.isExecutable(file))
                .findFirst();
    }

    /** The variable again, for the environment of the programs started through it. */
    public String variable() {
        return String.join(File.pathSeparator, folders.stream().map(Path::toString).toList());
    }
}
