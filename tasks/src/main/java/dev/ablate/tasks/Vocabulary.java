package dev.ablate.tasks;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ablate.core.error.UserException;
import dev.ablate.core.io.AtomicFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Token strings and their ids. Ids 0 to 3 are the special tokens {@link #PAD} ({@code <pad>}),
 * {@link #BOS} ({@code <s>}), {@link #EOS} ({@code </s>}) and {@link #UNK} ({@code <unk>}); the
 * symbols follow from id 4 in their given order. Immutable.
 *
 * <p>Text never produces a special token: {@link #encode} maps a token spelled like one (a literal
 * {@code <s>} in a word-tokenized text) to {@link #UNK}, and {@link #build} leaves such tokens out.
 */
public final class Vocabulary {

    public static final int PAD = 0;
    public static final int BOS = 1;
    public static final int EOS = 2;
    public static final int UNK = 3;
    /** The special tokens, by id. */
    public static final List<String> SPECIALS = List.of("<pad>", "<s>", "</s>", "<unk>");

    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    private final Tokenization tokenization;
    /** The learned merges when the tokenization is {@link Tokenization#BPE}, else null. */
    private final BytePairEncoding subwords;
    private final List<String> tokens;
    private final Map<String, Integer> ids;

    private Vocabulary(Tokenization tokenization, BytePairEncoding subwords, List<String> tokens) {
        this.tokenization = tokenization;
        this.subwords = subwords;
        this.tokens = List.copyOf(tokens);
        Map<String, Integer> byToken = new HashMap<>();
        for (int i = 0; i < tokens.size(); i++) {
            byToken.put(tokens.get(i), i);
        }
        this.ids = Collections.unmodifiableMap(byToken);
    }

    /**
     * The special tokens followed by {@code symbols}, in that order. Symbols must be distinct, must not
     * be spelled like a special token and must be tokens {@code tokenization} can produce (one code point
     * for {@code char}, no whitespace for {@code word}, no space for {@code symbols}).
     *
     * @throws IllegalArgumentException if a symbol breaks these rules
     */
    public static Vocabulary of(List<String> symbols, Tokenization tokenization) {
        Objects.requireNonNull(tokenization, "tokenization");
        if (tokenization == Tokenization.BPE) {
            throw new IllegalArgumentException("a bpe vocabulary comes from its merges: use Vocabulary.of(BytePairEncoding)");
        }
        return of(symbols, tokenization, null);
    }

    /**
     * The special tokens followed by the symbols of {@code subwords} (its alphabet, then each merge's
     * result); texts are segmented by its merges.
     */
    public static Vocabulary of(BytePairEncoding subwords) {
        Objects.requireNonNull(subwords, "subwords");
        return of(subwords.symbols(), Tokenization.BPE, subwords);
    }

    private static Vocabulary of(List<String> symbols, Tokenization tokenization, BytePairEncoding subwords) {
        List<String> all = new ArrayList<>(SPECIALS.size() + symbols.size());
        all.addAll(SPECIALS);
        Map<String, Boolean> seen = new HashMap<>();
        for (String s : symbols) {
            if (s == null) {
                throw new IllegalArgumentException("a vocabulary symbol is null");
            }
            if (SPECIALS.contains(s)) {
                throw new IllegalArgumentException("'" + s + "' is a special token, not a symbol");
            }
            String problem = tokenization.problemWith(s);
            if (problem != null) {
                throw new IllegalArgumentException(problem);
            }
            if (seen.put(s, Boolean.TRUE) != null) {
                throw new IllegalArgumentException("symbol '" + s + "' appears twice");
            }
            all.add(s);
        }
        return new Vocabulary(tokenization, subwords, all);
    }

    /**
     * The vocabulary of {@code trainingTexts} as {@code tokenization} splits them: every token seen at
     * least {@code minCount} times, the most frequent first (ties in token string order, so the result
     * depends on the texts alone), at most {@code maxSize} of them (special tokens not counted; null for
     * all). Tokens spelled like a special token are left out.
     */
    public static Vocabulary build(Iterable<String> trainingTexts, Tokenization tokenization, Integer maxSize, int minCount) {
        Map<String, Long> counts = new HashMap<>();
        for (String text : trainingTexts) {
            for (String token : tokenization.split(text)) {
                counts.merge(token, 1L, Long::sum);
            }
        }
        return fromCounts(counts, tokenization, maxSize, minCount);
    }

    /** {@link #build} from tokens already split. */
    static Vocabulary buildFromTokens(Iterable<String> trainingTokens, Tokenization tokenization, Integer maxSize, int minCount) {
        Map<String, Long> counts = new HashMap<>();
        for (String token : trainingTokens) {
            counts.merge(token, 1L, Long::sum);
        }
        return fromCounts(counts, tokenization, maxSize, minCount);
    }

    private static Vocabulary fromCounts(Map<String, Long> counts, Tokenization tokenization, Integer maxSize, int minCount) {
        if (maxSize != null && maxSize < 0) {
            throw new IllegalArgumentException("maxSize must be >= 0 (got " + maxSize + ")");
        }
        if (minCount < 1) {
            throw new IllegalArgumentException("minCount must be >= 1 (got " + minCount + ")");
        }
        List<Map.Entry<String, Long>> entries = new ArrayList<>();
        for (Map.Entry<String, Long> e : counts.entrySet()) {
            if (e.getValue() >= minCount && !SPECIALS.contains(e.getKey()) && tokenization.problemWith(e.getKey()) == null) {
                entries.add(e);
            }
        }
        entries.sort(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder())
                .thenComparing(Map.Entry.comparingByKey()));
        int keep = maxSize == null ? entries.size() : Math.min(maxSize, entries.size());
        List<String> symbols = new ArrayList<>(keep);
        for (int i = 0; i < keep; i++) {
            symbols.add(entries.get(i).getKey());
        }
        return of(symbols, tokenization);
    }

    public Tokenization tokenization() {
        return tokenization;
    }

    /** Tokens, special tokens included. */
    public int size() {
        return tokens.size();
    }

    /** Every token by id, the special tokens first. */
    public List<String> tokens() {
        return tokens;
    }

    /** The id of {@code token} (a special token's string gives its id), {@link #UNK} if unknown. */
    public int id(String token) {
        return ids.getOrDefault(token, UNK);
    }

    /** The token with id {@code id}. */
    public String token(int id) {
        if (id < 0 || id >= tokens.size()) {
            throw new IllegalArgumentException("token id " + id + " is outside the vocabulary (0.." + (tokens.size() - 1) + ")");
        }
        return tokens.get(id);
    }

    /** Splits {@code text} by this vocabulary's tokenization and maps the tokens to ids; unknown ones become {@link #UNK}. */
    public int[] encode(String text) {
        return encode(split(text));
    }

    /** {@code text} as this vocabulary's tokens: split by its tokenization, or segmented by its merges (bpe). */
    public List<String> split(String text) {
        return subwords != null ? subwords.segment(text) : tokenization.split(text);
    }

    /** The learned merges of a bpe vocabulary; empty for the other tokenizations. */
    public Optional<BytePairEncoding> subwords() {
        return Optional.ofNullable(subwords);
    }

    /** Maps tokens to ids; unknown tokens, and tokens spelled like a special token, become {@link #UNK}. */
    public int[] encode(List<String> tokenList) {
        int[] out = new int[tokenList.size()];
        for (int i = 0; i < out.length; i++) {
            Integer id = ids.get(tokenList.get(i));
            out[i] = id == null || id < SPECIALS.size() ? UNK : id;
        }
        return out;
    }

    /**
     * The text of {@code tokenIds}: {@link #PAD}, {@link #BOS} and {@link #EOS} are dropped, {@link #UNK}
     * reads {@code <unk>} (it stands for a real token), and the rest join as the tokenization joins
     * ({@code ""} for char, one space for word and symbols).
     */
    public String decode(int[] tokenIds) {
        List<String> out = new ArrayList<>(tokenIds.length);
        for (int id : tokenIds) {
            if (id != PAD && id != BOS && id != EOS) {
                out.add(token(id));
            }
        }
        return tokenization.join(out);
    }

    /**
     * Writes {@code {"tokenization": "char", "tokens": ["<pad>", ...]}} to {@code file}, atomically: a
     * reader sees the old file or the new one, never a part. Creates the folder if needed.
     */
    public void save(Path file) {
        ObjectNode root = JSON.createObjectNode();
        root.put("tokenization", tokenization.label());
        ArrayNode array = root.putArray("tokens");
        tokens.forEach(array::add);
        if (subwords != null) {
            // As subword-nmt writes its codes: "left right", one merge a line; symbols hold no whitespace.
            ArrayNode merges = root.putArray("merges");
            subwords.merges().forEach(m -> merges.add(m.left() + " " + m.right()));
        }
        try {
            byte[] bytes = JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(root);
            AtomicFiles.write(file, out -> out.write(bytes));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write vocabulary " + file + ": " + e.getMessage(), e);
        }
    }

    /** Reads a file written by {@link #save}; a missing or malformed file is a {@code UserException} naming it. */
    public static Vocabulary load(Path file) {
        JsonNode root;
        try {
            root = JSON.readTree(new String(Files.readAllBytes(file), StandardCharsets.UTF_8));
        } catch (NoSuchFileException e) {
            throw new UserException(file + ": no such file");
        } catch (JsonProcessingException e) {
            throw new UserException(file + ": not a vocabulary file: invalid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new UserException(file + ": cannot read (" + e.getMessage() + ")");
        }
        if (root == null || !root.isObject()) {
            throw notAVocabulary(file, "expected a JSON object with \"tokenization\" and \"tokens\"");
        }
        for (Iterator<String> names = root.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!name.equals("tokenization") && !name.equals("tokens") && !name.equals("merges")) {
                throw notAVocabulary(file, "unknown field '" + name + "'");
            }
        }
        JsonNode t = root.get("tokenization");
        if (t == null || !t.isTextual()) {
            throw notAVocabulary(file, "\"tokenization\" must be char, word or symbols");
        }
        Tokenization tokenization;
        try {
            tokenization = Tokenization.fromLabel(t.asText());
        } catch (IllegalArgumentException e) {
            throw notAVocabulary(file, e.getMessage());
        }
        JsonNode array = root.get("tokens");
        if (array == null || !array.isArray()) {
            throw notAVocabulary(file, "\"tokens\" must be an array of strings");
        }
        List<String> all = new ArrayList<>(array.size());
        for (JsonNode n : array) {
            if (!n.isTextual()) {
                throw notAVocabulary(file, "\"tokens\" must be an array of strings");
            }
            all.add(n.asText());
        }
        if (all.size() < SPECIALS.size() || !all.subList(0, SPECIALS.size()).equals(SPECIALS)) {
            throw notAVocabulary(file, "the tokens must start with " + String.join(", ", SPECIALS));
        }
        List<String> symbols = all.subList(SPECIALS.size(), all.size());
        JsonNode merges = root.get("merges");
        if ((merges != null) != (tokenization == Tokenization.BPE)) {
            throw notAVocabulary(file, "\"merges\" belong to a bpe vocabulary, and a bpe vocabulary needs them");
        }
        try {
            if (merges == null) {
                return of(symbols, tokenization);
            }
            Vocabulary loaded = of(subwordsOf(file, symbols, merges));
            if (!loaded.tokens.equals(all)) {
                throw notAVocabulary(file, "the tokens are not the alphabet followed by the merges' results");
            }
            return loaded;
        } catch (IllegalArgumentException e) {
            throw notAVocabulary(file, e.getMessage());
        }
    }

    /** The merges saved as "left right" strings; the alphabet is the single characters among the tokens. */
    private static BytePairEncoding subwordsOf(Path file, List<String> symbols, JsonNode merges) {
        if (!merges.isArray()) {
            throw notAVocabulary(file, "\"merges\" must be an array of \"left right\" strings");
        }
        List<BytePairEncoding.Merge> list = new ArrayList<>(merges.size());
        for (JsonNode n : merges) {
            String[] parts = n.isTextual() ? n.asText().split(" ", -1) : new String[0];
            if (parts.length != 2 || parts[0].isEmpty() || parts[1].isEmpty()) {
                throw notAVocabulary(file, "each merge must be a \"left right\" string (got " + n + ")");
            }
            list.add(new BytePairEncoding.Merge(parts[0], parts[1]));
        }
        List<String> alphabet = symbols.stream().filter(t -> t.codePointCount(0, t.length()) == 1).toList();
        return new BytePairEncoding(alphabet, list);
    }

    private static UserException notAVocabulary(Path file, String why) {
        return new UserException(file + ": not a vocabulary file: " + why);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Vocabulary v && tokenization == v.tokenization && tokens.equals(v.tokens)
                && Objects.equals(subwords, v.subwords);
    }

    @Override
    public int hashCode() {
        return 31 * tokenization.ordinal() + tokens.hashCode();
    }

    @Override
    public String toString() {
        return "Vocabulary[" + tokenization.label() + ", " + tokens.size() + " tokens]";
    }
}
