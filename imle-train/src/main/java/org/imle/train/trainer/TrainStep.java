package org.imle.train.trainer;

import org.imle.train.tensor.Tensor;

/**
 * The forward pass of one training step: returns the scalar loss of a batch. The trainer then
 * runs backward and the optimiser. {@code step} counts steps from 0 over the whole run (it is
 * restored on resume) and is what a {@link org.imle.train.node.DiscreteNode} should receive.
 */
@FunctionalInterface
public interface TrainStep<B> {

    Tensor loss(B batch, long step);
}
