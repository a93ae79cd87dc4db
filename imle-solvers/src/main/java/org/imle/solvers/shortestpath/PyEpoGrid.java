package org.imle.solvers.shortestpath;

import org.imle.api.check.Checks;

/**
 * PyEPO's shortest-path network: the nodes of an h x w grid, numbered row by row
 * ({@code i * w + j}), with arcs to the right and downwards only, so every path from the top-left
 * node 0 to the bottom-right node {@code h w - 1} is monotone and the graph is acyclic. Arcs are
 * numbered as PyEPO numbers them: row by row, each row's rightward arcs
 * ({@code i*w+j -> i*w+j+1}, j = 0..w-2) then, except for the last row, its downward arcs
 * ({@code i*w+j -> (i+1)*w+j}, j = 0..w-1); there are {@code d = (h-1) w + (w-1) h}. Arc e is
 * coordinate e of theta and z, so PyEPO's cost vectors are read as they are (theta = -c).
 *
 * <p>Solved by {@link DagShortestPathOracle}: O(h w) per solve, no allocation.
 */
public final class PyEpoGrid {

    private PyEpoGrid() {
    }

    /** d, the number of arcs of an h x w grid. */
    public static int arcs(int rows, int columns) {
        return (rows - 1) * columns + (columns - 1) * rows;
    }

    /** The arcs {@code [from, to]} in PyEPO's order. */
    public static int[][] arcList(int rows, int columns) {
        Checks.atLeast("rows", rows, 1);
        Checks.atLeast("columns", columns, 1);
        if (rows * columns < 2) {
            throw new IllegalArgumentException("a 1 x 1 grid has no arcs");
        }
        int[][] arcs = new int[arcs(rows, columns)][];
        int e = 0;
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < columns - 1; j++) {
                int v = i * columns + j;
                arcs[e++] = new int[] {v, v + 1};
            }
            if (i == rows - 1) {
                continue;
            }
            for (int j = 0; j < columns; j++) {
                int v = i * columns + j;
                arcs[e++] = new int[] {v, v + columns};
            }
        }
        return arcs;
    }

    /** The oracle of paths from node 0 to node {@code h w - 1}. */
    public static DagShortestPathOracle oracle(int rows, int columns) {
        return new DagShortestPathOracle(rows * columns, arcList(rows, columns), 0, rows * columns - 1);
    }
}
