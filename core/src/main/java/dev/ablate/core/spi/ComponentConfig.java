package dev.ablate.core.spi;

/**
 * A plugin's configuration: a record that validates itself in its compact constructor (throwing
 * {@link InvalidConfigException}) and fills its defaults there, so that {@code {"type": "id"}}
 * alone is a complete config.
 *
 * <p>Config records are read strictly from JSON: unknown fields, wrong types and unknown type ids
 * are errors. Describe each component with {@code @JsonPropertyDescription}; {@code ablate plugins}
 * and the spec schema show it.
 */
public interface ComponentConfig {}
