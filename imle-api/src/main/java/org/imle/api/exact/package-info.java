/**
 * Exact computations on small or tractable structure sets: enumeration ({@link
 * org.imle.api.exact.StructureSet}, the brute-force oracle every fast oracle is tested against),
 * the exponential family by enumeration, and the closed forms for k-subsets and spanning trees.
 */
package org.imle.api.exact;
