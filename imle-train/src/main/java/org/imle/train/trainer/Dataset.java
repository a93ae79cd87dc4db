package org.imle.train.trainer;

/**
 * Training examples addressed by index: the trainer draws a seeded permutation of
 * {@code [0, size())} each epoch and asks for one batch of indices at a time.
 *
 * @param <B> what a batch is (typically tensors of inputs and targets)
 */
public interface Dataset<B> {

    int size();

    /** The batch made of the examples with these indices, in this order. */
    B batch(int[] indices);
}
