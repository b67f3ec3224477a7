package dev.ablate.tasks;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.TreeMap;

/**
 * Byte-pair encoding (Sennrich, Haddow and Birch 2016) over characters, with SentencePiece's word
 * marker: a text is split at whitespace and each word is spelled {@code ▁} + its characters, so
 * "the cat" becomes {@code ▁the ▁cat} and a segmentation such as {@code ▁c at} joins back to the
 * text with no extra markup ({@link #join}: concatenate, {@code ▁} → space, trim).
 *
 * <p>{@link #learn} starts from the characters of the training words and repeatedly merges the most
 * frequent adjacent pair of symbols (counted over word frequencies), until the vocabulary holds the
 * requested number of symbols or no pair occurs twice. Ties are broken by the pair's strings (left
 * symbol, then right, in {@link String#compareTo} order), so the merges depend on the texts alone.
 * {@link #segment} applies the merges to any text in the order they were learned (lowest rank first);
 * a character never seen in training stays a symbol of its own, which the vocabulary maps to
 * {@code <unk>}.
 *
 * <p>Immutable; {@link #segment} is safe to call from several threads.
 */
public final class BytePairEncoding {

    /** Marks the start of a word (U+2581, as in SentencePiece); whitespace never appears inside a symbol. */
    public static final String WORD_START = "\u2581";

    /** One merge: the adjacent symbols {@code left} and {@code right} become {@code left + right}. */
    public record Merge(String left, String right) {
        public Merge {
            Objects.requireNonNull(left, "left");
            Objects.requireNonNull(right, "right");
            if (left.isEmpty() || right.isEmpty()) {
                throw new IllegalArgumentException("a merge joins two non-empty symbols");
            }
        }

        public String merged() {
            return left + right;
        }
    }

    private final List<String> alphabet;
    private final List<Merge> merges;
    private final Map<Merge, Integer> ranks;
    private final Map<String, List<String>> cache = Collections.synchronizedMap(new HashMap<>());

    /**
     * A model from its parts: {@code alphabet} the single characters it starts from, {@code merges} in
     * the order they were learned.
     */
    public BytePairEncoding(List<String> alphabet, List<Merge> merges) {
        this.alphabet = List.copyOf(alphabet);
        this.merges = List.copyOf(merges);
        Map<Merge, Integer> byMerge = new HashMap<>();
        for (int i = 0; i < this.merges.size(); i++) {
            if (byMerge.putIfAbsent(this.merges.get(i), i) != null) {
                throw new IllegalArgumentException("merge " + this.merges.get(i) + " appears twice");
            }
        }
        this.ranks = byMerge;
        for (String symbol : this.alphabet) {
            if (symbol.codePointCount(0, symbol.length()) != 1) {
                throw new IllegalArgumentException("alphabet symbol '" + symbol + "' is not one character");
            }
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BytePairEncoding b && alphabet.equals(b.alphabet) && merges.equals(b.merges);
    }

    @Override
    public int hashCode() {
        return 31 * alphabet.hashCode() + merges.hashCode();
    }

    @Override
    public String toString() {
        return "BytePairEncoding[" + alphabet.size() + " characters, " + merges.size() + " merges]";
    }

    /** The characters the merges start from, most frequent in training first. */
    public List<String> alphabet() {
        return alphabet;
    }

    /** The merges in the order they were learned. */
    public List<Merge> merges() {
        return merges;
    }

    /**
     * The symbols a vocabulary needs: the alphabet, then each merge's result in merge order, each once
     * (two merges can produce one string: {@code ab+c} and {@code a+bc}).
     */
    public List<String> symbols() {
        Set<String> seen = new HashSet<>(alphabet);
        List<String> out = new ArrayList<>(alphabet);
        for (Merge m : merges) {
            if (seen.add(m.merged())) {
                out.add(m.merged());
            }
        }
        return out;
    }

    /**
     * Learns merges from {@code texts} until the model has {@code vocabularySize} symbols (the alphabet
     * counts) or no adjacent pair occurs at least twice.
     *
     * @throws IllegalArgumentException if {@code vocabularySize} is below 1
     */
    public static BytePairEncoding learn(Iterable<String> texts, int vocabularySize) {
        if (vocabularySize < 1) {
            throw new IllegalArgumentException("vocabularySize must be >= 1 (got " + vocabularySize + ")");
        }
        Map<String, Long> wordCounts = new HashMap<>();
        for (String text : texts) {
            for (String word : Tokenization.WORD.split(text)) {
                wordCounts.merge(WORD_START + word, 1L, Long::sum);
            }
        }
        return new Learner(new TreeMap<>(wordCounts)).learn(vocabularySize);
    }

    /** {@code text} as symbols: words marked with {@link #WORD_START}, each cut by the merges. */
    public List<String> segment(String text) {
        List<String> out = new ArrayList<>();
        for (String word : Tokenization.WORD.split(text)) {
            out.addAll(cache.computeIfAbsent(word, this::segmentWord));
        }
        return out;
    }

    /** The text of a segmentation: symbols concatenated, each {@link #WORD_START} a space, trimmed. */
    public static String join(List<String> symbols) {
        return String.join("", symbols).replace(WORD_START, " ").strip();
    }

    private List<String> segmentWord(String word) {
        List<String> symbols = characters(WORD_START + word);
        while (symbols.size() > 1) {
            int best = -1;
            int bestRank = Integer.MAX_VALUE;
            for (int i = 0; i + 1 < symbols.size(); i++) {
                Integer rank = ranks.get(new Merge(symbols.get(i), symbols.get(i + 1)));
                if (rank != null && rank < bestRank) {
                    bestRank = rank;
                    best = i;
                }
            }
            if (best < 0) {
                break;
            }
            Merge merge = merges.get(bestRank);
            List<String> next = new ArrayList<>(symbols.size());
            for (int i = 0; i < symbols.size(); i++) {
                if (i + 1 < symbols.size() && symbols.get(i).equals(merge.left()) && symbols.get(i + 1).equals(merge.right())) {
                    next.add(merge.merged());
                    i++;
                } else {
                    next.add(symbols.get(i));
                }
            }
            symbols = next;
        }
        return List.copyOf(symbols);
    }

    private static List<String> characters(String word) {
        return word.codePoints().mapToObj(Character::toString).toList();
    }

    /**
     * The merge loop. Words are arrays of symbol ids weighted by their count; pair counts are kept up
     * to date by subtracting a changed word's pairs and adding them back after the merge, and a pair's
     * words are indexed so that a merge visits only the words that contain it. The most frequent pair
     * comes from a heap whose stale entries (a count that has changed since) are skipped.
     */
    private static final class Learner {
        private final List<String> symbols = new ArrayList<>();
        private final Map<String, Integer> symbolIds = new HashMap<>();
        private final int[][] words;
        private final long[] counts;
        private final Map<Long, Long> pairCounts = new HashMap<>();
        private final Map<Long, Set<Integer>> pairWords = new HashMap<>();
        private final PriorityQueue<long[]> heap;
        private final List<String> alphabet;

        Learner(TreeMap<String, Long> wordCounts) {
            Map<String, Long> characterCounts = new HashMap<>();
            wordCounts.forEach((word, count) -> characters(word).forEach(c -> characterCounts.merge(c, count, Long::sum)));
            List<String> characters = new ArrayList<>(characterCounts.keySet());
            characters.sort((a, b) -> {
                int byCount = Long.compare(characterCounts.get(b), characterCounts.get(a));
                return byCount != 0 ? byCount : a.compareTo(b);
            });
            alphabet = List.copyOf(characters);
            characters.forEach(this::symbolId);
            words = new int[wordCounts.size()][];
            counts = new long[wordCounts.size()];
            int w = 0;
            for (Map.Entry<String, Long> e : wordCounts.entrySet()) {
                words[w] = characters(e.getKey()).stream().mapToInt(this::symbolId).toArray();
                counts[w] = e.getValue();
                w++;
            }
            // Highest count first; ties by the pair's strings so the result does not depend on hashing.
            heap = new PriorityQueue<>((a, b) -> {
                int byCount = Long.compare(b[1], a[1]);
                if (byCount != 0) {
                    return byCount;
                }
                int byLeft = symbols.get(left(a[0])).compareTo(symbols.get(left(b[0])));
                return byLeft != 0 ? byLeft : symbols.get(right(a[0])).compareTo(symbols.get(right(b[0])));
            });
            for (int i = 0; i < words.length; i++) {
                addPairs(i);
            }
            pairCounts.forEach((pair, count) -> heap.add(new long[] {pair, count}));
        }

        BytePairEncoding learn(int vocabularySize) {
            List<Merge> merges = new ArrayList<>();
            Set<String> produced = new HashSet<>(alphabet);
            while (produced.size() < vocabularySize) {
                long[] top = heap.poll();
                if (top == null || top[1] < 2) {
                    break;
                }
                long pair = top[0];
                if (pairCounts.getOrDefault(pair, 0L) != top[1]) {
                    continue; // stale: the pair's count changed after this entry was queued
                }
                Merge merge = new Merge(symbols.get(left(pair)), symbols.get(right(pair)));
                merges.add(merge);
                produced.add(merge.merged());
                apply(pair, symbolId(merge.merged()));
            }
            return new BytePairEncoding(alphabet, merges);
        }

        private void apply(long pair, int merged) {
            int a = left(pair);
            int b = right(pair);
            Set<Long> changed = new HashSet<>();
            for (int w : List.copyOf(pairWords.getOrDefault(pair, Set.of()))) {
                int[] word = words[w];
                int[] next = new int[word.length];
                int n = 0;
                for (int i = 0; i < word.length; i++) {
                    if (i + 1 < word.length && word[i] == a && word[i + 1] == b) {
                        next[n++] = merged;
                        i++;
                    } else {
                        next[n++] = word[i];
                    }
                }
                if (n == word.length) {
                    continue; // the index is a superset: this word lost the pair in an earlier merge
                }
                changed.addAll(removePairs(w));
                words[w] = Arrays.copyOf(next, n);
                changed.addAll(addPairs(w));
            }
            pairWords.remove(pair);
            pairCounts.remove(pair);
            for (long p : changed) {
                Long count = pairCounts.get(p);
                if (count != null && count > 0) {
                    heap.add(new long[] {p, count});
                }
            }
        }

        private List<Long> addPairs(int w) {
            int[] word = words[w];
            List<Long> pairs = new ArrayList<>(word.length);
            for (int i = 0; i + 1 < word.length; i++) {
                long p = pair(word[i], word[i + 1]);
                pairCounts.merge(p, counts[w], Long::sum);
                pairWords.computeIfAbsent(p, k -> new HashSet<>()).add(w);
                pairs.add(p);
            }
            return pairs;
        }

        private List<Long> removePairs(int w) {
            int[] word = words[w];
            List<Long> pairs = new ArrayList<>(word.length);
            for (int i = 0; i + 1 < word.length; i++) {
                long p = pair(word[i], word[i + 1]);
                long left = pairCounts.merge(p, -counts[w], Long::sum);
                if (left <= 0) {
                    pairCounts.remove(p);
                }
                pairs.add(p);
            }
            return pairs;
        }

        private int symbolId(String symbol) {
            return symbolIds.computeIfAbsent(symbol, s -> {
                symbols.add(s);
                return symbols.size() - 1;
            });
        }

        private static long pair(int left, int right) {
            return ((long) left << 32) | (right & 0xffffffffL);
        }

        private static int left(long pair) {
            return (int) (pair >>> 32);
        }

        private static int right(long pair) {
            return (int) pair;
        }
    }
}
