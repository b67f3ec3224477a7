package dev.ablate.core.model;

import dev.ablate.core.spi.ConfigCheck;

/**
 * What a task feeds a model and wants back: vocabulary sizes, the longest sequences (so positional
 * encodings can be checked to cover them) and, for classification, the number of classes.
 *
 * @param sourceVocabulary tokens in the source (or only) vocabulary, special tokens included
 * @param targetVocabulary tokens in the target vocabulary (encoder-decoder), else equal to source
 * @param maxSourceLength the longest source (or only) sequence, special tokens included
 * @param maxTargetLength the longest decoder input (encoder-decoder), else 0
 * @param classes the number of classes (encoder family), else 0
 * @param padIndex the padding token; padded positions are masked everywhere
 */
public record TaskShape(
        int sourceVocabulary, int targetVocabulary, int maxSourceLength, int maxTargetLength, int classes, int padIndex) {

    public TaskShape {
        ConfigCheck.atLeast("sourceVocabulary", sourceVocabulary, 1);
        ConfigCheck.atLeast("targetVocabulary", targetVocabulary, 1);
        ConfigCheck.atLeast("maxSourceLength", maxSourceLength, 1);
        ConfigCheck.atLeast("maxTargetLength", maxTargetLength, 0);
        ConfigCheck.atLeast("classes", classes, 0);
        ConfigCheck.atLeast("padIndex", padIndex, 0);
    }

    public static TaskShape sequenceToSequence(
            int sourceVocabulary, int targetVocabulary, int maxSourceLength, int maxTargetLength, int padIndex) {
        return new TaskShape(sourceVocabulary, targetVocabulary, maxSourceLength, maxTargetLength, 0, padIndex);
    }

    public static TaskShape languageModel(int vocabulary, int maxLength, int padIndex) {
        return new TaskShape(vocabulary, vocabulary, maxLength, 0, 0, padIndex);
    }

    public static TaskShape classification(int vocabulary, int maxLength, int classes, int padIndex) {
        ConfigCheck.atLeast("classes", classes, 2);
        return new TaskShape(vocabulary, vocabulary, maxLength, 0, classes, padIndex);
    }

    /** The longest sequence any positional encoding of the model must cover. */
    public int maxLength() {
        return Math.max(maxSourceLength, maxTargetLength);
    }
}
