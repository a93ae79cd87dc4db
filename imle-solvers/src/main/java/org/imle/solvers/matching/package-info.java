/**
 * Matching oracles: bipartite matching and the assignment problem, and maximum-weight matching in
 * general graphs.
 */
package org.imle.solvers.matching;
