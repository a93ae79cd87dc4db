/**
 * Argument checks shared by oracles, noise and estimators, whose messages name the parameter and,
 * for arrays, the row and coordinate.
 */
package org.imle.api.check;
