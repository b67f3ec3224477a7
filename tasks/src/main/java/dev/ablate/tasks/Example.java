package dev.ablate.tasks;

import java.util.Arrays;

/**
 * One example as token ids of the task's vocabularies, without special tokens (the trainer adds
 * BOS/EOS where the model family needs them). Two examples are equal when their sequences hold the
 * same ids and their labels are equal.
 *
 * @param source the input sequence (sequence-to-sequence, classification) or the text chunk (language model)
 * @param target the output sequence (sequence-to-sequence), else an empty array
 * @param label the class (classification), else -1
 */
public record Example(int[] source, int[] target, int label) {

    public static Example sequenceToSequence(int[] source, int[] target) {
        return new Example(source, target, -1);
    }

    public static Example text(int[] tokens) {
        return new Example(tokens, new int[0], -1);
    }

    public static Example classified(int[] source, int label) {
        return new Example(source, new int[0], label);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Example e && label == e.label && Arrays.equals(source, e.source) && Arrays.equals(target, e.target);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * Arrays.hashCode(source) + Arrays.hashCode(target)) + label;
    }

    @Override
    public String toString() {
        return "Example[source=" + Arrays.toString(source) + ", target=" + Arrays.toString(target) + ", label=" + label + "]";
    }
}
