/**
 * Modules (layers and networks) with named parameters, buffers and counters; the CombResNet of the Warcraft experiments and a small CNN; the binary state format ({@link org.imle.train.nn.StateFile}).
 */
package org.imle.train.nn;
