/**
 * Measuring gradient estimators against the exact gradient of an expected loss on small structure
 * sets (bias, variance, cosine), for tests and the top-k experiment.
 */
package org.imle.api.diagnostics;
