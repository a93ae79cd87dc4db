package org.imle.solvers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.imle.api.MapOracle;

/** Checks every oracle test shares: feasibility of answers and thread-safety of solves. */
public final class OracleAssertions {

    private OracleAssertions() {
    }

    /** Solves, checks the answer is feasible, and returns it. */
    public static double[] solveFeasible(MapOracle oracle, double[] theta) {
        double[] z = new double[oracle.dimension()];
        java.util.Arrays.fill(z, 7.0);
        oracle.solve(theta, z);
        assertNull(oracle.infeasibility(z), () -> oracle + " returned an infeasible z");
        return z;
    }

    /**
     * Solves every instance sequentially, then from four threads at once through the offset form
     * on one flat batch, each thread starting at a different instance, and requires equal answers.
     */
    public static void assertConcurrentEqualsSequential(MapOracle oracle, List<double[]> thetas)
            throws Exception {
        int n = oracle.dimension();
        int count = thetas.size();
        double[] batch = new double[count * n];
        double[] expected = new double[count * n];
        for (int i = 0; i < count; i++) {
            System.arraycopy(thetas.get(i), 0, batch, i * n, n);
            double[] z = new double[n];
            oracle.solve(thetas.get(i), z);
            System.arraycopy(z, 0, expected, i * n, n);
        }
        int threads = 4;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<double[]>> results = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int start = t * count / threads;
                results.add(pool.submit(() -> {
                    double[] out = new double[count * n];
                    for (int repeat = 0; repeat < 3; repeat++) {
                        for (int j = 0; j < count; j++) {
                            int i = (start + j) % count;
                            oracle.solve(batch, i * n, out, i * n);
                        }
                    }
                    return out;
                }));
            }
            for (Future<double[]> f : results) {
                assertArrayEquals(expected, f.get());
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** {@code <z, theta>}. */
    public static double dot(double[] z, double[] theta) {
        double s = 0;
        for (int i = 0; i < z.length; i++) {
            s += z[i] * theta[i];
        }
        return s;
    }
}
