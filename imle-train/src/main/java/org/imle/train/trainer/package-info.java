/**
 * The training loop: seeded shuffled mini-batches, epochs, hooks, metrics logs, progress, atomic resumable checkpoints.
 */
package org.imle.train.trainer;
