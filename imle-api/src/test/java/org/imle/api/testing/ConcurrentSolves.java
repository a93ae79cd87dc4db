package org.imle.api.testing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.imle.api.MapOracle;

/** The check every oracle's tests make: solves from several threads equal sequential ones. */
public final class ConcurrentSolves {

    private ConcurrentSolves() {
    }

    /**
     * Solves every theta sequentially, then all of them at once on {@code threads} threads sharing
     * the one oracle, and asserts the structures are identical instance by instance.
     */
    public static void assertEqualSequential(MapOracle oracle, double[][] thetas, int threads) throws Exception {
        int n = oracle.dimension();
        double[][] sequential = new double[thetas.length][n];
        for (int t = 0; t < thetas.length; t++) {
            oracle.solve(thetas[t], sequential[t]);
        }
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<double[]>> futures = new ArrayList<>();
            for (double[] theta : thetas) {
                futures.add(pool.submit(() -> {
                    double[] z = new double[n];
                    oracle.solve(theta, z);
                    return z;
                }));
            }
            for (int t = 0; t < thetas.length; t++) {
                assertArrayEquals(sequential[t], futures.get(t).get(), "instance " + t);
            }
        } finally {
            pool.shutdown();
        }
    }
}
