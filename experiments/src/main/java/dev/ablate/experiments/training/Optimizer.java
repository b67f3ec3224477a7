package dev.ablate.experiments.training;

import ai.djl.nn.Parameter;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.List;

/** An optimizer whose state a checkpoint saves and a resumed run restores. */
public interface Optimizer {

    /** One update of every trainable parameter with learning rate {@code lr}; gradients are multiplied by {@code rescale}. */
    void update(List<Parameter> parameters, float lr, float rescale);

    /** Writes the state of every parameter, in {@code parameters}' order (the model's, which is stable). */
    void save(DataOutputStream out, List<Parameter> parameters) throws IOException;

    /** Restores what {@link #save} wrote, for the same model. */
    void load(DataInputStream in, List<Parameter> parameters) throws IOException;
}
