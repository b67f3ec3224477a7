package dev.ablate.core.spi;

import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * The config of a attention plugin. In JSON it is an object whose {@code "type"} is the plugin's id;
 * the remaining fields are the record's components.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "type")
public interface AttentionConfig extends ComponentConfig {}
