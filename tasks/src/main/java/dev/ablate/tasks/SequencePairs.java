package dev.ablate.tasks;

import java.util.List;

/**
 * Sequence-to-sequence batches: source + EOS into the encoder, BOS + target into the decoder,
 * target + EOS as labels; every row padded to the batch's longest.
 */
final class SequencePairs implements TaskKind.Batching {

    @Override
    public TokenBatch batch(List<Example> examples) {
        int n = examples.size();
        int sourceLength = TokenBatch.longest(examples, Example::source) + 1;
        int targetLength = TokenBatch.longest(examples, Example::target) + 1;
        int[] source = new int[n * sourceLength];
        int[] input = new int[n * targetLength];
        int[] labels = new int[n * targetLength];
        long tokens = 0;
        for (int r = 0; r < n; r++) {
            Example e = examples.get(r);
            System.arraycopy(e.source(), 0, source, r * sourceLength, e.source().length);
            source[r * sourceLength + e.source().length] = Vocabulary.EOS;
            input[r * targetLength] = Vocabulary.BOS;
            System.arraycopy(e.target(), 0, input, r * targetLength + 1, e.target().length);
            System.arraycopy(e.target(), 0, labels, r * targetLength, e.target().length);
            labels[r * targetLength + e.target().length] = Vocabulary.EOS;
            tokens += e.target().length + 1;
        }
        return new TokenBatch(List.of(TokenBatch.Tokens.of(source, n, sourceLength), TokenBatch.Tokens.of(input, n, targetLength)),
                TokenBatch.Tokens.of(labels, n, targetLength), tokens, n, tokens);
    }
}
