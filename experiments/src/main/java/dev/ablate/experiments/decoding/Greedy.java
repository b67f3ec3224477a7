package dev.ablate.experiments.decoding;

import ai.djl.ndarray.NDManager;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Greedy decoding: each step appends the most probable next token ({@code argmax}, computed on the
 * engine; one id per row comes back). A row stops at EOS or at its max length; the rows still
 * running form the next step's batch.
 */
public final class Greedy implements Decoding {

    public Greedy() {}

    @Override
    public List<int[]> decode(DecoderStep step, int batch, int bos, int eos, int[] maxLengths, NDManager manager) {
        Steps.check(step, batch, maxLengths, manager);
        int[][] outputs = new int[batch][];
        int[][] tokens = new int[batch][];
        List<Integer> running = new ArrayList<>();
        for (int r = 0; r < batch; r++) {
            tokens[r] = new int[maxLengths[r]];
            if (maxLengths[r] == 0) {
                outputs[r] = new int[0];
            } else {
                running.add(r);
            }
        }
        // At step t every running row has exactly t output tokens.
        for (int t = 0; !running.isEmpty(); t++) {
            int rows = running.size();
            int length = t + 1;
            int[] prefixes = new int[rows * length];
            long[] origin = new long[rows];
            for (int i = 0; i < rows; i++) {
                int r = running.get(i);
                prefixes[i * length] = bos;
                System.arraycopy(tokens[r], 0, prefixes, i * length + 1, t);
                origin[i] = r;
            }
            long[] next;
            try (NDManager scope = manager.newSubManager()) {
                next = Steps.next(step, scope, prefixes, origin, rows, length).argMax(-1).toLongArray();
            }
            List<Integer> still = new ArrayList<>(rows);
            for (int i = 0; i < rows; i++) {
                int r = running.get(i);
                int token = (int) next[i];
                if (token == eos) {
                    outputs[r] = Arrays.copyOf(tokens[r], t);
                } else {
                    tokens[r][t] = token;
                    if (t + 1 == maxLengths[r]) {
                        outputs[r] = tokens[r];
                    } else {
                        still.add(r);
                    }
                }
            }
            running = still;
        }
        return List.of(outputs);
    }

    @Override
    public String toString() {
        return "greedy";
    }
}
