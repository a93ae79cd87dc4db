/**
 * Structured losses whose gradient comes straight from the solver, without an upstream dL/dz: the
 * perturbed Fenchel-Young loss and SPO+.
 */
package org.imle.api.loss;
