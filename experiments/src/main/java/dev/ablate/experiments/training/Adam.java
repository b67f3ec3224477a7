package dev.ablate.experiments.training;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Adam whose state can be saved and restored, so a resumed run continues exactly where it stopped
 * (DJL's own {@code Adam} keeps its moments private). The update is the engine's fused kernel, the
 * one DJL's Adam calls: per parameter m = β1·m + (1−β1)·g, v = β2·v + (1−β2)·g², w −= lr_t · m /
 * (√v + ε) with lr_t = lr · √(1−β2^t) / (1−β1^t), and g first multiplied by {@code rescale}, which
 * is how gradient clipping by global norm is applied without another pass over the gradients.
 * Weight decay, when set, is decoupled (AdamW). The kernel also zeroes each gradient.
 */
public final class Adam implements Optimizer {

    private final AdamConfig config;
    private final Map<String, Pair<NDArray, NDArray>> moments = new LinkedHashMap<>();
    private int updates;

    public Adam(AdamConfig config) {
        this.config = config;
    }

    /** Updates completed so far: t of the bias correction. */
    public int updates() {
        return updates;
    }

    @Override
    public void update(List<Parameter> parameters, float lr, float rescale) {
        updates++;
        double correction = Math.sqrt(1 - Math.pow(config.beta2(), updates)) / (1 - Math.pow(config.beta1(), updates));
        float correctedLr = (float) (lr * correction);
        for (Parameter p : parameters) {
            NDArray weight = p.getArray();
            Pair<NDArray, NDArray> mv = moments.computeIfAbsent(p.getId(), id -> newMoments(weight));
            weight.getNDArrayInternal().adamUpdate(
                    new NDList(weight, weight.getGradient(), mv.getKey(), mv.getValue()), new NDList(weight),
                    lr, correctedLr, config.weightDecay().floatValue(), rescale, -1f,
                    config.beta1().floatValue(), config.beta2().floatValue(), config.eps().floatValue(),
                    true, config.weightDecay() > 0);
        }
    }

    private static Pair<NDArray, NDArray> newMoments(NDArray weight) {
        // Owned by the weight's manager, so the state lives as long as the model and on its device.
        NDManager manager = weight.getManager();
        return new Pair<>(manager.zeros(weight.getShape(), weight.getDataType()),
                manager.zeros(weight.getShape(), weight.getDataType()));
    }

    /** Writes t and both moments of every parameter. */
    @Override
    public void save(DataOutputStream out, List<Parameter> parameters) throws IOException {
        out.writeInt(updates);
        out.writeInt(parameters.size());
        for (Parameter p : parameters) {
            Pair<NDArray, NDArray> mv = moments.computeIfAbsent(p.getId(), id -> newMoments(p.getArray()));
            byte[] m = mv.getKey().encode();
            byte[] v = mv.getValue().encode();
            out.writeInt(m.length);
            out.write(m);
            out.writeInt(v.length);
            out.write(v);
        }
    }

    @Override
    public void load(DataInputStream in, List<Parameter> parameters) throws IOException {
        updates = in.readInt();
        int count = in.readInt();
        if (count != parameters.size()) {
            throw new IOException("optimizer state has " + count + " parameters, the model " + parameters.size());
        }
        moments.clear();
        for (Parameter p : parameters) {
            NDManager manager = p.getArray().getManager();
            NDArray m = NDArray.decode(manager, in.readNBytes(in.readInt())).toDevice(p.getArray().getDevice(), false);
            NDArray v = NDArray.decode(manager, in.readNBytes(in.readInt())).toDevice(p.getArray().getDevice(), false);
            if (!m.getShape().equals(p.getArray().getShape()) || !v.getShape().equals(p.getArray().getShape())) {
                throw new IOException("optimizer state of shape " + m.getShape() + " for parameter " + p.getName()
                        + " of shape " + p.getArray().getShape());
            }
            moments.put(p.getId(), new Pair<>(m, v));
        }
    }
}
