package dev.ablate.models.positional.sinusoidal;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import dev.ablate.testkit.Doubles;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The sinusoidal table against the paper's formula, evaluated in double precision. */
final class TestSinusoidalPositions {

    @ParameterizedTest(name = "dModel={0}, length={1}")
    @CsvSource({"16,64", "512,40", "7,10", "2,5"})
    void tableIsThePapersFormula(int dModel, int length) {
        try (NDManager m = NDManager.newBaseManager()) {
            double[][] table = Doubles.of2(SinusoidalBlock.table(m, length, dModel));
            assertThat(table.length).isEqualTo(length);
            double worst = 0;
            for (int pos = 0; pos < length; pos++) {
                assertThat(table[pos]).hasSize(dModel);
                for (int column = 0; column < dModel; column++) {
                    int i = column / 2;
                    double angle = pos / Math.pow(10000, 2.0 * i / dModel);
                    double expected = column % 2 == 0 ? Math.sin(angle) : Math.cos(angle);
                    worst = Math.max(worst, Math.abs(table[pos][column] - expected));
                }
            }
            // float32 angles: the error grows with pos·ε; 64 positions stay well inside 1e-5.
            assertThat(worst).isLessThan(1e-5);
        }
    }

    @ParameterizedTest(name = "length={0}")
    @CsvSource({"1", "9"})
    void blockAddsTheTableToEachSequence(int length) {
        try (NDManager m = NDManager.newBaseManager()) {
            SinusoidalBlock block = new SinusoidalBlock(6);
            block.initialize(m, DataType.FLOAT32, new Shape(2, length, 6));
            NDArray x = m.randomNormal(new Shape(2, length, 6));
            NDArray out = block.forward(new ParameterStore(m, false), new NDList(x), false).head();
            NDArray expected = x.add(SinusoidalBlock.table(m, length, 6).expandDims(0));
            assertThat(out.sub(expected).abs().max().getFloat()).isLessThan(1e-6f);
        }
    }
}
