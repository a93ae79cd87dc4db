package org.imle.solvers.shortestpath;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.imle.api.MapOracle;
import org.imle.api.registry.Oracles;
import org.junit.jupiter.api.Test;

/** PyEPO's grid network: its arc order, and its paths against enumeration of every monotone path. */
class PyEpoGridTest {

    @Test
    void arcsAreNumberedAsPyEpoNumbersThem() {
        // PyEPO's _get_grid_arcs((2, 3)): row 0 right (0,1) (1,2), row 0 down (0,3) (1,4) (2,5), row 1 right (3,4) (4,5)
        assertArrayEquals(new int[][] {{0, 1}, {1, 2}, {0, 3}, {1, 4}, {2, 5}, {3, 4}, {4, 5}},
                PyEpoGrid.arcList(2, 3));
        assertEquals(40, PyEpoGrid.arcs(5, 5));
        assertEquals(40, PyEpoGrid.arcList(5, 5).length);
    }

    /** Every path from 0 to the last node, as arc sets. */
    private static void paths(int[][] arcs, int node, int target, List<Integer> used, List<double[]> out) {
        if (node == target) {
            double[] z = new double[arcs.length];
            for (int e : used) {
                z[e] = 1;
            }
            out.add(z);
            return;
        }
        for (int e = 0; e < arcs.length; e++) {
            if (arcs[e][0] == node) {
                used.add(e);
                paths(arcs, arcs[e][1], target, used, out);
                used.remove(used.size() - 1);
            }
        }
    }

    @Test
    void solvesAsEnumerationOfEveryPathDoes() {
        SplittableRandom rng = new SplittableRandom(5);
        for (int[] shape : new int[][] {{3, 4}, {4, 4}, {2, 5}, {5, 1}}) {
            int[][] arcs = PyEpoGrid.arcList(shape[0], shape[1]);
            List<double[]> all = new ArrayList<>();
            paths(arcs, 0, shape[0] * shape[1] - 1, new ArrayList<>(), all);
            MapOracle oracle = Oracles.discover().create("pyepo-grid-path",
                    Map.of("rows", shape[0], "columns", shape[1]));
            for (int trial = 0; trial < 200; trial++) {
                double[] cost = new double[arcs.length];
                double[] theta = new double[arcs.length];
                for (int e = 0; e < cost.length; e++) {
                    cost[e] = rng.nextDouble();
                    theta[e] = -cost[e];
                }
                double best = Double.POSITIVE_INFINITY;
                double[] bestPath = null;
                for (double[] z : all) {
                    double c = 0;
                    for (int e = 0; e < z.length; e++) {
                        c += z[e] * cost[e];
                    }
                    if (c < best) {
                        best = c;
                        bestPath = z;
                    }
                }
                double[] z = new double[arcs.length];
                oracle.solve(theta, z);
                assertArrayEquals(bestPath, z, 0.0);
            }
        }
    }
}
