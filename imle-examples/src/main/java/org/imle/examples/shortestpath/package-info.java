/**
 * {@code imle shortest-path}: learning cell costs of Warcraft maps from their pixels through
 * Dijkstra's algorithm, with its networks, metrics, pictures and step profiler.
 */
package org.imle.examples.shortestpath;
