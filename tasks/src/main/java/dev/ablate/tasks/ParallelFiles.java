package dev.ablate.tasks;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.ablate.core.spi.InvalidConfigException;

/**
 * The files of one split of a {@code parallel} task: either one TSV file of {@code source<TAB>target}
 * lines, or two files, line i of the source file translating to line i of the target file. Paths are
 * relative to the spec's folder.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ParallelFiles(
        @JsonPropertyDescription("one UTF-8 file of source<TAB>target lines (give this, or source and target)")
        String tsv,
        @JsonPropertyDescription("UTF-8 file of source sentences, one per line (with target, instead of tsv)")
        String source,
        @JsonPropertyDescription("UTF-8 file of target sentences, one per line, as many lines as source (with source, instead of tsv)")
        String target) {

    public ParallelFiles {
        tsv = TaskChecks.path("tsv", tsv);
        source = TaskChecks.path("source", source);
        target = TaskChecks.path("target", target);
        if (tsv != null && (source != null || target != null)) {
            throw new InvalidConfigException("tsv", "give either tsv or source and target, not both", tsv);
        }
        if (tsv == null) {
            if (source == null && target == null) {
                throw new InvalidConfigException("tsv",
                        "must be given (a file of source<TAB>target lines), or else source and target (two files)", null);
            }
            if (source == null) {
                throw new InvalidConfigException("source", "must be given with target", null);
            }
            if (target == null) {
                throw new InvalidConfigException("target", "must be given with source", null);
            }
        }
    }

    /** One TSV file. */
    public static ParallelFiles tsv(String tsv) {
        return new ParallelFiles(tsv, null, null);
    }

    /** A source file and a target file. */
    public static ParallelFiles pair(String source, String target) {
        return new ParallelFiles(null, source, target);
    }

    /** The file names, for messages. */
    String describe() {
        return tsv != null ? tsv : source + " and " + target;
    }
}
