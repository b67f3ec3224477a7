package dev.ablate.tasks;

import dev.ablate.core.error.UserException;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

/** Reads the user's data files as UTF-8; every failure is a {@code UserException} naming the file. */
final class TextFiles {

    private TextFiles() {}

    /** The whole file, without a leading byte-order mark. */
    static String read(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new UserException(file + ": no such file");
        } catch (CharacterCodingException e) {
            throw new UserException(file + ": not UTF-8 text");
        } catch (FileSystemException e) {
            throw new UserException(file + ": cannot read (" + (e.getReason() != null ? e.getReason() : e.getMessage()) + ")");
        } catch (IOException e) {
            throw new UserException(file + ": cannot read (" + e.getMessage() + ")");
        }
        return text.startsWith("\uFEFF") ? text.substring(1) : text;
    }

    /** The file's lines (ended by \n, \r\n or \r; a final line break does not start another line). */
    static List<String> lines(Path file) {
        return read(file).lines().toList();
    }
}
