package dev.ablate.core.spi;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Parameter;

/** The value a parameter has in the forward pass under way: on the pass's device, recorded for the gradient. */
@FunctionalInterface
public interface ParameterValues {

    NDArray of(Parameter parameter);
}
