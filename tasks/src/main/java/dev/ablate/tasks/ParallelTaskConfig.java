package dev.ablate.tasks;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.ablate.core.error.UserException;
import dev.ablate.core.spi.ConfigCheck;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * {@code parallel}: sequence to sequence on sentence pairs read from files (UTF-8), e.g. a translation
 * corpus. Each split is one TSV file of {@code source<TAB>target} lines, or a source and a target file
 * with the same number of lines. Blank lines are skipped, and so are pairs with an empty side (counted
 * in the task's notes); both sides are trimmed. Pairs with more than {@code maxLength} tokens on a side
 * are dropped from every split, the validation and test splits included (counted in the notes), so a
 * model never sees a sequence longer than the limit. The vocabulary is built from the training split
 * alone: one joint vocabulary of both sides by default (so embeddings can be tied), or one per side.
 * With {@code "tokenization": "bpe"} the vocabulary is learned subwords ({@link BytePairEncoding}, as
 * the paper's shared source-target BPE): merges learned on the training texts up to
 * {@code maxVocabulary} symbols, then every split segmented by them; {@code maxLength} counts subwords.
 */
public record ParallelTaskConfig(
        @JsonPropertyDescription("the training pairs (required): {\"tsv\": file} or {\"source\": file, \"target\": file}")
        ParallelFiles train,
        @JsonPropertyDescription("the validation pairs (required): {\"tsv\": file} or {\"source\": file, \"target\": file}")
        ParallelFiles valid,
        @JsonPropertyDescription("the test pairs (required): {\"tsv\": file} or {\"source\": file, \"target\": file}")
        ParallelFiles test,
        @JsonPropertyDescription("char (default: every character is a token), word (whitespace-separated words) or bpe "
                + "(subwords by byte-pair encoding, learned on the training split; maxVocabulary sets their number)")
        Tokenization tokenization,
        @JsonPropertyDescription("one vocabulary for both sides (default true; needed to tie the source and target embeddings) "
                + "or false: a source and a target vocabulary")
        Boolean sharedVocabulary,
        @JsonPropertyDescription("most tokens in each vocabulary, special tokens not counted (default: every token of the training "
                + "split); the most frequent are kept, the others become <unk>. For bpe (required, e.g. 8000): the vocabulary "
                + "size merges are learned up to, the characters of the training split included")
        Integer maxVocabulary,
        @JsonPropertyDescription("most tokens on either side of a pair (default 256, >= 1); longer pairs are dropped from every split")
        Integer maxLength)
        implements TaskConfig {

    public static final String TYPE = "parallel";
    public static final int DEFAULT_MAX_LENGTH = 256;

    public ParallelTaskConfig {
        TaskChecks.required("train", train, "the training pairs, {\"tsv\": file} or {\"source\": file, \"target\": file}");
        TaskChecks.required("valid", valid, "the validation pairs, {\"tsv\": file} or {\"source\": file, \"target\": file}");
        TaskChecks.required("test", test, "the test pairs, {\"tsv\": file} or {\"source\": file, \"target\": file}");
        tokenization = TaskChecks.textTokenization(tokenization, true);
        sharedVocabulary = Objects.requireNonNullElse(sharedVocabulary, Boolean.TRUE);
        if (tokenization == Tokenization.BPE) {
            TaskChecks.required("maxVocabulary", maxVocabulary,
                    "the number of subword tokens byte-pair encoding learns (e.g. 8000) when tokenization is bpe");
        }
        if (maxVocabulary != null) {
            ConfigCheck.atLeast("maxVocabulary", maxVocabulary, 1);
        }
        maxLength = TaskChecks.atLeast("maxLength", maxLength, DEFAULT_MAX_LENGTH, 1);
    }

    @Override
    public TaskKind kind() {
        return TaskKind.SEQUENCE_TO_SEQUENCE;
    }

    @Override
    public Task load(Path specDirectory) {
        List<String> notes = new ArrayList<>();
        Map<Split, List<String[]>> texts = LoadedTask.splits(
                read(Split.TRAIN, train, specDirectory), read(Split.VALID, valid, specDirectory), read(Split.TEST, test, specDirectory));
        // Subwords are learned from the training texts before tokenizing; char and word vocabularies
        // are counted from the training tokens after.
        Vocabularies subwords = tokenization == Tokenization.BPE ? learnSubwords(texts.get(Split.TRAIN)) : null;
        Function<String, List<String>> splitSource = subwords == null ? tokenization::split : subwords.source()::split;
        Function<String, List<String>> splitTarget = subwords == null ? tokenization::split : subwords.target()::split;
        Map<Split, List<Pair>> pairs = new EnumMap<>(Split.class);
        for (Split split : Split.values()) {
            ParallelFiles files = switch (split) {
                case TRAIN -> train;
                case VALID -> valid;
                case TEST -> test;
            };
            pairs.put(split, tokenize(split, files, texts.get(split), splitSource, splitTarget, notes));
        }
        Vocabularies vocabularies = subwords != null ? subwords : countTokens(pairs.get(Split.TRAIN));
        Map<Split, List<Example>> examples = LoadedTask.splits(
                encode(pairs.get(Split.TRAIN), vocabularies),
                encode(pairs.get(Split.VALID), vocabularies),
                encode(pairs.get(Split.TEST), vocabularies));
        return LoadedTask.sequenceToSequence(vocabularies.source(), vocabularies.target(), examples, notes);
    }

    private record Vocabularies(Vocabulary source, Vocabulary target) {}

    private record Pair(List<String> source, List<String> target) {}

    /** Byte-pair encodings learned on the training texts: one of both sides, or one per side. */
    private Vocabularies learnSubwords(List<String[]> trainTexts) {
        List<String> sources = trainTexts.stream().map(t -> t[0]).toList();
        List<String> targets = trainTexts.stream().map(t -> t[1]).toList();
        if (sharedVocabulary) {
            List<String> both = new ArrayList<>(sources);
            both.addAll(targets);
            Vocabulary joint = Vocabulary.of(BytePairEncoding.learn(both, maxVocabulary));
            return new Vocabularies(joint, joint);
        }
        return new Vocabularies(Vocabulary.of(BytePairEncoding.learn(sources, maxVocabulary)),
                Vocabulary.of(BytePairEncoding.learn(targets, maxVocabulary)));
    }

    /** Char or word vocabularies of the training tokens: one of both sides, or one per side. */
    private Vocabularies countTokens(List<Pair> trainPairs) {
        List<String> sources = new ArrayList<>();
        List<String> targets = new ArrayList<>();
        for (Pair p : trainPairs) {
            sources.addAll(p.source());
            targets.addAll(p.target());
        }
        if (sharedVocabulary) {
            List<String> both = new ArrayList<>(sources);
            both.addAll(targets);
            Vocabulary joint = Vocabulary.buildFromTokens(both, tokenization, maxVocabulary, 1);
            return new Vocabularies(joint, joint);
        }
        return new Vocabularies(Vocabulary.buildFromTokens(sources, tokenization, maxVocabulary, 1),
                Vocabulary.buildFromTokens(targets, tokenization, maxVocabulary, 1));
    }

    private static List<Example> encode(List<Pair> pairs, Vocabularies vocabularies) {
        List<Example> out = new ArrayList<>(pairs.size());
        for (Pair p : pairs) {
            out.add(Example.sequenceToSequence(vocabularies.source().encode(p.source()), vocabularies.target().encode(p.target())));
        }
        return out;
    }

    /** The split's source and target texts, without blank lines. */
    private static List<String[]> read(Split split, ParallelFiles files, Path specDirectory) {
        List<String[]> texts = new ArrayList<>();
        if (files.tsv() != null) {
            Path path = specDirectory.resolve(files.tsv());
            List<String> lines = TextFiles.lines(path);
            for (int i = 0; i < lines.size(); i++) {
                String line = lines.get(i);
                if (line.isBlank()) {
                    continue;
                }
                int tab = line.indexOf('\t');
                int tabs = (int) line.chars().filter(c -> c == '\t').count();
                if (tabs != 1) {
                    throw new UserException(path + ":" + (i + 1) + ": expected one tab between source and target, found " + tabs);
                }
                texts.add(new String[] {line.substring(0, tab), line.substring(tab + 1)});
            }
        } else {
            Path sourcePath = specDirectory.resolve(files.source());
            Path targetPath = specDirectory.resolve(files.target());
            List<String> sources = TextFiles.lines(sourcePath);
            List<String> targets = TextFiles.lines(targetPath);
            if (sources.size() != targets.size()) {
                throw new UserException("parallel " + split.label() + " split: " + sourcePath + " has " + sources.size()
                        + " lines but " + targetPath + " has " + targets.size()
                        + "; the source and target files must have the same number of lines");
            }
            for (int i = 0; i < sources.size(); i++) {
                if (!sources.get(i).isBlank() || !targets.get(i).isBlank()) {
                    texts.add(new String[] {sources.get(i), targets.get(i)});
                }
            }
        }
        return texts;
    }

    /** The split's pairs, tokenized, without pairs with an empty side and pairs over maxLength. */
    private List<Pair> tokenize(Split split, ParallelFiles files, List<String[]> texts,
            Function<String, List<String>> splitSource, Function<String, List<String>> splitTarget, List<String> notes) {
        List<Pair> pairs = new ArrayList<>(texts.size());
        int emptySide = 0;
        int tooLong = 0;
        for (String[] t : texts) {
            List<String> source = splitSource.apply(t[0].strip());
            List<String> target = splitTarget.apply(t[1].strip());
            if (source.isEmpty() || target.isEmpty()) {
                emptySide++;
            } else if (source.size() > maxLength || target.size() > maxLength) {
                tooLong++;
            } else {
                pairs.add(new Pair(source, target));
            }
        }
        String where = split.label() + " split (" + files.describe() + ")";
        if (emptySide > 0) {
            notes.add(where + ": skipped " + emptySide + " of " + texts.size() + " pairs with an empty source or target");
        }
        if (tooLong > 0) {
            notes.add(where + ": dropped " + tooLong + " of " + texts.size() + " pairs with more than maxLength = "
                    + maxLength + " " + tokenization.label() + " tokens on a side");
        }
        if (pairs.isEmpty()) {
            throw new UserException("parallel " + where + ": no pairs left (" + texts.size() + " read, " + emptySide
                    + " with an empty side, " + tooLong + " longer than maxLength = " + maxLength + " tokens)");
        }
        return pairs;
    }
}
