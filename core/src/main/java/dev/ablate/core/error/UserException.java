package dev.ablate.core.error;

/**
 * An error the user can fix: a bad spec, an unknown plugin id, a missing file. The CLI prints the
 * message alone (no stack trace) and exits with status 2; every other exception is a bug and exits 1.
 */
public class UserException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public UserException(String message) {
        super(message);
    }

    public UserException(String message, Throwable cause) {
        super(message, cause);
    }
}
