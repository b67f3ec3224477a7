package dev.ablate.tasks;

import java.util.Random;

/**
 * The order training reads a split in: shuffled afresh every epoch from the seed, step s taking the
 * s-th slice of that endless stream. Batches are thus a pure function of (seed, step), and a resumed
 * run reads exactly the batches an uninterrupted one would, with no data position to save.
 */
public final class TrainingOrder {

    private final int size;
    private long cachedSeed;
    private int cachedEpoch = -1;
    private int[] cachedOrder;

    /** @param size the number of examples */
    public TrainingOrder(int size) {
        if (size < 1) {
            throw new IllegalArgumentException("no examples");
        }
        this.size = size;
    }

    /** The example indices of update {@code step} (1-based). */
    public int[] batch(long seed, int step, int batchSize) {
        int[] picked = new int[batchSize];
        long first = (long) (step - 1) * batchSize;
        for (int i = 0; i < batchSize; i++) {
            long position = first + i;
            int epoch = (int) (position / size);
            picked[i] = order(seed, epoch)[(int) (position % size)];
        }
        return picked;
    }

    private int[] order(long seed, int epoch) {
        if (epoch != cachedEpoch || seed != cachedSeed) {
            int[] order = new int[size];
            for (int i = 0; i < order.length; i++) {
                order[i] = i;
            }
            Random random = new Random(seed * 1_000_003L + epoch);
            for (int i = order.length - 1; i > 0; i--) {
                int j = random.nextInt(i + 1);
                int t = order[i];
                order[i] = order[j];
                order[j] = t;
            }
            cachedSeed = seed;
            cachedEpoch = epoch;
            cachedOrder = order;
        }
        return cachedOrder;
    }
}
