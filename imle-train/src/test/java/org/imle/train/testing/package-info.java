/**
 * Test helpers of imle-train: the finite-difference gradient check.
 */
package org.imle.train.testing;
