/**
 * Shortest-path oracles: the grid of the Warcraft maps (costs on cells), general directed graphs
 * (Dijkstra) and directed acyclic graphs (negative costs allowed), with their heap, graph and
 * negative-cost policy types.
 */
package org.imle.solvers.shortestpath;
