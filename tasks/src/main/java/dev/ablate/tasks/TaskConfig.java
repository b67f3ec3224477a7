package dev.ablate.tasks;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.nio.file.Path;

/**
 * The {@code task} of a spec, chosen by its {@code "type"}. Loading a synthetic task generates its
 * data; loading a file task reads the files (relative paths are resolved against the spec's folder)
 * and builds the vocabularies from the training split.
 *
 * <p>Types: {@code copy}, {@code reverse}, {@code sort} (sequence to sequence over random symbols),
 * {@code first-last} and {@code listops} (classification), {@code lm} (language model on a text file)
 * and {@code parallel} (sequence to sequence on sentence pairs from files).
 */
// The type id stays visible to the config: one record reads it as a field (copy, reverse or sort);
// the others ignore it.
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type", visible = true)
@JsonIgnoreProperties("type")
@JsonSubTypes({
    @JsonSubTypes.Type(value = SymbolTaskConfig.class, names = {"copy", "reverse", "sort"}),
    @JsonSubTypes.Type(value = FirstLastTaskConfig.class, name = FirstLastTaskConfig.TYPE),
    @JsonSubTypes.Type(value = ListOpsTaskConfig.class, name = ListOpsTaskConfig.TYPE),
    @JsonSubTypes.Type(value = LanguageModelTaskConfig.class, name = LanguageModelTaskConfig.TYPE),
    @JsonSubTypes.Type(value = ParallelTaskConfig.class, name = ParallelTaskConfig.TYPE),
})
public interface TaskConfig {

    /** Loads (or generates) the data; a missing or malformed file is a {@code UserException}. */
    Task load(Path specDirectory);

    /** What the task asks of a model, known without loading any data. */
    TaskKind kind();
}
