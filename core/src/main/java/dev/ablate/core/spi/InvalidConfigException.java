package dev.ablate.core.spi;

/**
 * A config value breaks a rule. Thrown by config records' compact constructors; Ablate prefixes the
 * parameter with the JSON path of the record, so a user reads e.g. {@code model.attention.window:
 * must be >= 1 (got 0)}.
 */
public final class InvalidConfigException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final String parameter;
    private final String rule;
    private final transient Object value;

    /**
     * @param parameter the parameter's name, or a dotted path to it
     * @param rule what the value must satisfy, phrased to follow the name ("must be >= 1")
     * @param value the value given
     */
    public InvalidConfigException(String parameter, String rule, Object value) {
        super(parameter + ": " + rule + " (got " + value + ")");
        this.parameter = parameter;
        this.rule = rule;
        this.value = value;
    }

    public String parameter() {
        return parameter;
    }

    public String rule() {
        return rule;
    }

    public Object value() {
        return value;
    }
}
