package dev.ablate.experiments.decoding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import dev.ablate.core.model.ModelConfig;
import dev.ablate.core.model.TaskShape;
import dev.ablate.core.registry.ComponentRegistry;
import dev.ablate.models.transformer.EncoderDecoderModel;
import dev.ablate.models.transformer.TransformerFactory;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Decoding a tiny real encoder-decoder: before training (scores) and after learning to copy (outputs). */
final class TestEncoderDecoderStep {

    private static final ComponentRegistry REGISTRY = ComponentRegistry.discover(TestEncoderDecoderStep.class.getClassLoader());
    private static final int PAD = 0;
    private static final int BOS = 1;
    private static final int EOS = 2;
    private static final int VOCABULARY = 12;
    private static final int SEQUENCES = 8;
    private static final int LENGTH = 6;

    private NDManager manager;

    @BeforeEach
    void open() {
        manager = NDManager.newBaseManager();
    }

    @AfterEach
    void close() {
        manager.close();
    }

    @Test
    void aStepIsTheLastPositionOfAFullForwardPassOnTheGatheredRows() {
        Batch batch = batch(manager);
        EncoderDecoderModel model = newModel(manager);
        ParameterStore ps = new ParameterStore(manager, false);
        EncoderDecoderStep step = new EncoderDecoderStep(model, ps, batch.source);
        long[] origin = {2, 0, 2, 7};
        int[] prefixes = {BOS, 5, 6, BOS, 3, 3, BOS, 9, 4, BOS, 11, 10};
        try (NDManager scope = manager.newSubManager()) {
            NDArray next = step.next(scope.create(prefixes, new Shape(4, 3)), scope.create(origin));
            assertThat(next.getShape()).isEqualTo(new Shape(4, VOCABULARY));
            assertThat(next.getDataType()).isEqualTo(DataType.FLOAT32);
            assertThat(next.getManager()).isSameAs(scope);

            NDArray source = batch.source.get(new NDIndex("{}", scope.create(origin)));
            NDArray logits = model.forward(ps, new NDList(source, scope.create(prefixes, new Shape(4, 3))), false).head();
            float[] expected = logits.get(":, -1, :").logSoftmax(-1).toFloatArray();
            float[] got = next.toFloatArray();
            for (int i = 0; i < expected.length; i++) {
                assertThat(got[i]).isCloseTo(expected[i], within(1e-5f));
            }
        }
    }

    /**
     * Every array a step makes is closed with the step. (The model's own manager is left out: DJL
     * attaches the tied projection's transposed weight, a view, to the weight's manager on every
     * forward pass.)
     */
    @Test
    void decodingLeavesNoArraysBehind() {
        EncoderDecoderModel model = newModel(manager);
        try (NDManager data = manager.newSubManager()) {
            Batch batch = batch(data);
            EncoderDecoderStep step = new EncoderDecoderStep(model, new ParameterStore(data, false), batch.source);
            int[] maxLengths = {7, 7, 5, 7, 3, 7, 6, 7};
            int before = data.getManagedArrays().size();
            new BeamSearch(4, 0.6).decode(step, SEQUENCES, BOS, EOS, maxLengths, data);
            new Greedy().decode(step, SEQUENCES, BOS, EOS, maxLengths, data);
            assertThat(data.getManagedArrays()).hasSize(before);
        }
    }

    @Test
    void afterTrainingToCopyGreedyAndBeamBothCopy() {
        Batch batch = batch(manager);
        EncoderDecoderModel model = newModel(manager);
        float loss = train(manager, model, batch, 300);
        assertThat(loss).as("loss after 300 steps").isLessThan(0.05f);

        ParameterStore ps = new ParameterStore(manager, false);
        // One more than the sequence length: the model has to end each output with EOS itself.
        int[] maxLengths = new int[SEQUENCES];
        Arrays.fill(maxLengths, LENGTH + 1);
        for (Decoding decoding : List.of(new Greedy(), new BeamSearch(4, 0.6), new BeamSearch(2, 0))) {
            List<int[]> outputs = decoding.decode(new EncoderDecoderStep(model, ps, batch.source), SEQUENCES, BOS, EOS,
                    maxLengths, manager);
            for (int s = 0; s < SEQUENCES; s++) {
                assertThat(outputs.get(s)).as("%s, copy of sequence %d", decoding, s).containsExactly(batch.symbols[s]);
            }
        }
    }

    @Test
    void untrainedBeamScoresAtLeastAsWellAsGreedy() {
        Batch batch = batch(manager);
        EncoderDecoderModel model = newModel(manager);
        ParameterStore ps = new ParameterStore(manager, false);
        int[] maxLengths = {7, 7, 5, 7, 3, 7, 6, 7};
        double alpha = 0.6;
        List<int[]> greedy = new Greedy().decode(new EncoderDecoderStep(model, ps, batch.source), SEQUENCES, BOS, EOS,
                maxLengths, manager);
        List<BeamSearch.Hypothesis> beam = new BeamSearch(4, alpha).search(new EncoderDecoderStep(model, ps, batch.source),
                SEQUENCES, BOS, EOS, maxLengths, manager);
        int beamWins = 0;
        for (int s = 0; s < SEQUENCES; s++) {
            int[] g = greedy.get(s);
            boolean greedyEnded = g.length < maxLengths[s];
            double greedyScore = BeamSearch.score(teacherForced(model, ps, batch, s, g, greedyEnded),
                    g.length + (greedyEnded ? 1 : 0), alpha);
            BeamSearch.Hypothesis b = beam.get(s);
            assertThat(b.tokens().length).isLessThanOrEqualTo(maxLengths[s]);
            assertThat(b.ended()).isEqualTo(b.tokens().length < maxLengths[s]);
            double beamLogP = teacherForced(model, ps, batch, s, b.tokens(), b.ended());
            assertThat(b.logProbability()).as("search's log P of row %d", s).isCloseTo(beamLogP, within(1e-4));
            double beamScore = BeamSearch.score(beamLogP, b.length(), alpha);
            assertThat(beamScore).as("row %d: beam %s vs greedy %s", s, Arrays.toString(b.tokens()), Arrays.toString(g))
                    .isGreaterThanOrEqualTo(greedyScore - 1e-5);
            if (beamScore > greedyScore + 1e-5) {
                beamWins++;
            }
        }
        assertThat(beamWins).as("rows where beam found a better hypothesis than greedy").isPositive();
    }

    /** log P(output [EOS]) for source row {@code s}, by one teacher-forced forward pass. */
    private static double teacherForced(EncoderDecoderModel model, ParameterStore ps, Batch batch, int s, int[] output,
            boolean ended) {
        try (NDManager scope = batch.source.getManager().newSubManager()) {
            int[] input = new int[output.length + 1];
            input[0] = BOS;
            System.arraycopy(output, 0, input, 1, output.length);
            NDArray source = batch.source.get(s + ":" + (s + 1));
            source.attach(scope);
            NDArray logits = model.forward(ps, new NDList(source, scope.create(input, new Shape(1, input.length))), false).head();
            float[] logp = logits.logSoftmax(-1).toFloatArray();
            double sum = 0;
            for (int i = 0; i < output.length; i++) {
                sum += logp[i * VOCABULARY + output[i]];
            }
            return ended ? sum + logp[output.length * VOCABULARY + EOS] : sum;
        }
    }

    /** Source: symbols + EOS. Decoder input: BOS + symbols. Labels: symbols + EOS. */
    private record Batch(int[][] symbols, NDArray source, NDArray targetInput, NDArray labels) {}

    private static Batch batch(NDManager m) {
        Random random = new Random(42);
        int[][] symbols = new int[SEQUENCES][LENGTH];
        int[] source = new int[SEQUENCES * (LENGTH + 1)];
        int[] input = new int[SEQUENCES * (LENGTH + 1)];
        int[] labels = new int[SEQUENCES * (LENGTH + 1)];
        for (int s = 0; s < SEQUENCES; s++) {
            int row = s * (LENGTH + 1);
            input[row] = BOS;
            for (int t = 0; t < LENGTH; t++) {
                symbols[s][t] = 3 + random.nextInt(VOCABULARY - 3);
                source[row + t] = symbols[s][t];
                input[row + t + 1] = symbols[s][t];
                labels[row + t] = symbols[s][t];
            }
            source[row + LENGTH] = EOS;
            labels[row + LENGTH] = EOS;
        }
        Shape shape = new Shape(SEQUENCES, LENGTH + 1);
        return new Batch(symbols, m.create(source, shape), m.create(input, shape), m.create(labels, shape));
    }

    private static EncoderDecoderModel newModel(NDManager m) {
        Engine.getInstance().setRandomSeed(1);
        ModelConfig config = REGISTRY.json().read("test model", """
                {"family": "encoder-decoder", "layers": 2, "dModel": 32, "heads": 4, "dFF": 64, "dropout": 0.0}""",
                ModelConfig.class);
        EncoderDecoderModel model = (EncoderDecoderModel) new TransformerFactory(REGISTRY).build(config,
                TaskShape.sequenceToSequence(VOCABULARY, VOCABULARY, LENGTH + 1, LENGTH + 1, PAD));
        model.initialize(m);
        return model;
    }

    /** Adam on the mean cross-entropy of the labels; returns the last step's loss. */
    private static float train(NDManager m, EncoderDecoderModel model, Batch batch, int steps) {
        Optimizer adam = Optimizer.adam().optLearningRateTracker(Tracker.fixed(3e-3f)).optBeta2(0.98f).optEpsilon(1e-9f).build();
        ParameterStore ps = new ParameterStore(m, false);
        float last = Float.NaN;
        for (int step = 0; step < steps; step++) {
            try (NDManager stepManager = m.newSubManager()) {
                NDArray loss;
                try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                    NDArray logits = model.forward(ps, new NDList(batch.source, batch.targetInput), true).head();
                    NDArray logProbabilities = logits.logSoftmax(-1);
                    NDArray picked = logProbabilities.gather(batch.labels.toType(DataType.INT64, false).expandDims(-1), -1)
                            .squeeze(-1);
                    loss = picked.sum().neg().div(batch.labels.neq(PAD).toType(DataType.FLOAT32, false).sum());
                    collector.backward(loss);
                }
                last = loss.getFloat();
                for (Parameter p : model.getParameters().values()) {
                    adam.update(p.getId(), p.getArray(), p.getArray().getGradient());
                }
                stepManager.tempAttachAll(loss);
            }
        }
        return last;
    }
}
