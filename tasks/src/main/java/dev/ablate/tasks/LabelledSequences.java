package dev.ablate.tasks;

import java.util.List;

/** Classification batches: the source in (no special tokens), its class as the label. */
final class LabelledSequences implements TaskKind.Batching {

    @Override
    public TokenBatch batch(List<Example> examples) {
        int n = examples.size();
        int length = TokenBatch.longest(examples, Example::source);
        int[] input = new int[n * length];
        int[] labels = new int[n];
        long tokens = 0;
        for (int r = 0; r < n; r++) {
            Example e = examples.get(r);
            System.arraycopy(e.source(), 0, input, r * length, e.source().length);
            labels[r] = e.label();
            tokens += e.source().length;
        }
        return new TokenBatch(List.of(TokenBatch.Tokens.of(input, n, length)), TokenBatch.Tokens.of(labels, n), n, n, tokens);
    }
}
