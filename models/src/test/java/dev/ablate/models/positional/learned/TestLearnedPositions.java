package dev.ablate.models.positional.learned;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import dev.ablate.core.error.UserException;
import org.junit.jupiter.api.Test;

final class TestLearnedPositions {

    @Test
    void addsTheRowOfEachPosition() {
        try (NDManager m = NDManager.newBaseManager()) {
            LearnedBlock block = new LearnedBlock(5, 4);
            block.initialize(m, DataType.FLOAT32, new Shape(1, 3, 4));
            NDArray x = m.randomNormal(new Shape(2, 3, 4));
            NDArray out = block.forward(new ParameterStore(m, false), new NDList(x), false).head();
            NDArray rows = block.positions.getArray().get(":3");
            for (int b = 0; b < 2; b++) {
                assertThat(out.get(b).sub(x.get(b)).sub(rows).abs().max().getFloat()).isLessThan(1e-6f);
            }
        }
    }

    @Test
    void refusesInputsLongerThanMaxLength() {
        try (NDManager m = NDManager.newBaseManager()) {
            LearnedBlock block = new LearnedBlock(5, 4);
            block.initialize(m, DataType.FLOAT32, new Shape(1, 3, 4));
            NDArray x = m.randomNormal(new Shape(1, 6, 4));
            assertThatThrownBy(() -> block.forward(new ParameterStore(m, false), new NDList(x), false))
                    .isInstanceOf(UserException.class)
                    .hasMessageContaining("6 positions")
                    .hasMessageContaining("maxLength");
        }
    }
}
