/**
 * The maximum-weight spanning tree (or forest) oracle of an undirected multigraph.
 */
package org.imle.solvers.spanningtree;
