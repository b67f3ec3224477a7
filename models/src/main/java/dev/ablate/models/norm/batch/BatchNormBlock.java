package dev.ablate.models.norm.batch;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import dev.ablate.core.spi.tensor.Scalars;

/**
 * Batch normalization of {@code [batch, length, dModel]} over the batch and time axes, with an
 * optional {@code [batch, length]} mask that leaves padded positions out of the statistics.
 *
 * <p>Training: mean and (biased) variance over the real positions normalize the batch, and
 * running averages (unbiased variance, as PyTorch keeps them) are updated. Evaluation: the running
 * averages normalize, so a prediction does not depend on what else is in the batch. With a batch of
 * one sequence the statistics come from that sequence's positions alone.
 */
public final class BatchNormBlock extends AbstractBlock {

    private static final byte VERSION = 1;
    private static final int[] BATCH_AND_TIME = {0, 1};

    private final float eps;
    private final float momentum;
    final Parameter gain;
    final Parameter shift;
    final Parameter runningMean;
    final Parameter runningVariance;

    public BatchNormBlock(int dModel, float eps, float momentum) {
        super(VERSION);
        this.eps = eps;
        this.momentum = momentum;
        Shape features = new Shape(dModel);
        this.gain = addParameter(Parameter.builder().setName("gamma").setType(Parameter.Type.GAMMA).optShape(features).build());
        this.shift = addParameter(Parameter.builder().setName("beta").setType(Parameter.Type.BETA).optShape(features).build());
        this.runningMean = addParameter(Parameter.builder().setName("runningMean").setType(Parameter.Type.RUNNING_MEAN)
                .optShape(features).optRequiresGrad(false).build());
        this.runningVariance = addParameter(Parameter.builder().setName("runningVar").setType(Parameter.Type.RUNNING_VAR)
                .optShape(features).optRequiresGrad(false).build());
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = inputs.head();
        NDArray mean;
        NDArray variance;
        if (training) {
            NDArray weight = inputs.size() > 1 ? inputs.get(1).toType(DataType.FLOAT32, false).expandDims(-1) : null;
            NDArray count = weight == null ? Scalars.constant(x, x.getShape().get(0) * x.getShape().get(1))
                    : weight.sum();
            mean = masked(x, weight).sum(BATCH_AND_TIME).div(count);
            variance = masked(x.sub(mean).square(), weight).sum(BATCH_AND_TIME).div(count);
            updateRunningStatistics(ps, x, mean, variance, count);
        } else {
            mean = ps.getValue(runningMean, x.getDevice(), false);
            variance = ps.getValue(runningVariance, x.getDevice(), false);
        }
        NDArray normalized = x.sub(mean).div(variance.add(eps).sqrt());
        return new NDList(normalized.mul(ps.getValue(gain, x.getDevice(), training))
                .add(ps.getValue(shift, x.getDevice(), training)));
    }

    private static NDArray masked(NDArray x, NDArray weight) {
        return weight == null ? x : x.mul(weight);
    }

    /** running = (1 - momentum)·running + momentum·batch, in place and outside the gradient. */
    private void updateRunningStatistics(ParameterStore ps, NDArray x, NDArray mean, NDArray variance, NDArray count) {
        NDArray unbiased = variance.stopGradient().mul(count.div(count.sub(1).maximum(1)));
        ps.getValue(runningMean, x.getDevice(), true).muli(1 - momentum).addi(mean.stopGradient().mul(momentum));
        ps.getValue(runningVariance, x.getDevice(), true).muli(1 - momentum).addi(unbiased.mul(momentum));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {inputShapes[0]};
    }
}
