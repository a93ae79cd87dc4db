/**
 * Tests that training survives faults: killed and resumed runs, fuzzed state files, solver
 * failures inside training.
 */
package org.imle.train.reliability;
