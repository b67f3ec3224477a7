package dev.ablate.core.config;

import dev.ablate.core.error.UserException;
import java.util.List;
import java.util.stream.Collectors;

/** A config or spec could not be accepted; carries every problem found. */
public final class ConfigException extends UserException {

    private static final long serialVersionUID = 1L;

    private final transient List<ConfigProblem> problems;

    public ConfigException(List<ConfigProblem> problems) {
        super(describe(problems));
        this.problems = List.copyOf(problems);
    }

    public ConfigException(ConfigProblem problem) {
        this(List.of(problem));
    }

    public List<ConfigProblem> problems() {
        return problems;
    }

    private static String describe(List<ConfigProblem> problems) {
        String lines = problems.stream().map(ConfigProblem::format).collect(Collectors.joining("\n"));
        return problems.size() == 1 ? lines : problems.size() + " problems:\n" + lines;
    }
}
