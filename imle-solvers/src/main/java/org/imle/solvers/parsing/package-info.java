/**
 * Dependency-tree oracles over {@code head * n + dep} arc scores: the maximum spanning
 * arborescence (non-projective) and Eisner's algorithm (projective), both with one arc leaving the
 * root.
 */
package org.imle.solvers.parsing;
