package dev.ablate.tasks.corpus;

import dev.ablate.core.error.UserException;
import java.util.List;

/** A corpus needs Debian packages that are not installed; the message ends with the command that installs them. */
public final class MissingPackagesException extends UserException {

    private static final long serialVersionUID = 1L;

    private final List<String> packages;

    /** {@code what}: what is missing, e.g. "mod2imp is not on PATH". */
    public MissingPackagesException(String corpus, String what, List<String> packages) {
        super(corpus + " is built from public-domain Bibles packaged by Debian, and " + what + ". Install "
                + "them as root (or run again with --install, as root):" + System.lineSeparator()
                + "  " + AptGet.commandLine(packages));
        this.packages = List.copyOf(packages);
    }

    /** The Debian packages to install. */
    public List<String> packages() {
        return packages;
    }
}
