/**
 * Tests of every registered oracle and estimator at once: bad input at each entry point, seeded
 * sweeps through the validating decorator.
 */
package org.imle.solvers.reliability;
