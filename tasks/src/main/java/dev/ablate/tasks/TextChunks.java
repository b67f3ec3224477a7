package dev.ablate.tasks;

import java.util.List;

/** Language-model batches: BOS + text[0..n-1] in, the text as labels, so position i predicts token i. */
final class TextChunks implements TaskKind.Batching {

    @Override
    public TokenBatch batch(List<Example> examples) {
        int n = examples.size();
        int length = TokenBatch.longest(examples, Example::source);
        int[] input = new int[n * length];
        int[] labels = new int[n * length];
        long tokens = 0;
        for (int r = 0; r < n; r++) {
            int[] text = examples.get(r).source();
            input[r * length] = Vocabulary.BOS;
            System.arraycopy(text, 0, input, r * length + 1, text.length - 1);
            System.arraycopy(text, 0, labels, r * length, text.length);
            tokens += text.length;
        }
        return new TokenBatch(List.of(TokenBatch.Tokens.of(input, n, length)), TokenBatch.Tokens.of(labels, n, length),
                tokens, n, tokens);
    }
}
