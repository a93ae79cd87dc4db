package org.imle.bench;

import java.util.SplittableRandom;
import org.imle.api.MapOracle;
import org.imle.solvers.ilp.IlpBackend;
import org.imle.solvers.ilp.IlpModel;
import org.imle.solvers.ilp.IlpOracle;
import org.imle.solvers.knapsack.KnapsackOracle;
import org.imle.solvers.matching.AssignmentOracle;
import org.imle.solvers.parsing.MaximumArborescenceOracle;
import org.imle.solvers.shortestpath.GridShortestPathOracle;
import org.imle.solvers.shortestpath.NegativeCostPolicy;
import org.imle.solvers.topk.TopKOracle;

/**
 * The benchmark problems, by the names the {@code problem} parameters take, with seeded random
 * instances of each: theta of top-k, assignment and arborescence are standard normal; grid theta is
 * minus a cost uniform in [0.5, 10) (positive, as Dijkstra needs), and for the clamped grid minus
 * that cost plus 10 standard normals, floored at 0 by the oracle, as in an I-MLE target with
 * lambda = 10 (about a quarter of the cells cost exactly 0); knapsack and ILP theta are uniform in
 * [0, 1) so that the capacity binds.
 */
final class BenchProblems {

    private BenchProblems() {
    }

    /** The oracle named {@code problem}. */
    static MapOracle oracle(String problem) {
        return switch (problem) {
            case "top-k-1000-10" -> new TopKOracle(1000, 10);
            case "grid8-12x12" -> new GridShortestPathOracle(12, 12, 8);
            case "grid8-12x12-clamped" -> new GridShortestPathOracle(12, 12, 8, 0, 0, 11, 11,
                    NegativeCostPolicy.CLAMP, 0.0);
            case "grid8-18x18" -> new GridShortestPathOracle(18, 18, 8);
            case "grid8-30x30" -> new GridShortestPathOracle(30, 30, 8);
            case "assignment-50x50" -> AssignmentOracle.perfect(50, 50);
            case "arborescence-30" -> new MaximumArborescenceOracle(30);
            case "knapsack-50" -> knapsack(50);
            case "cp-sat-ilp-50" -> cpSatIlp(50);
            default -> throw new IllegalArgumentException("unknown benchmark problem '" + problem + "'");
        };
    }

    /**
     * The grid oracle the estimator benchmarks use: estimator targets such as
     * {@code theta - lambda * dL/dz} can turn a cost negative, which the clamp policy floors at 0.
     */
    static MapOracle estimatorOracle(String problem) {
        if (problem.startsWith("grid8-")) {
            int side = Integer.parseInt(problem.substring("grid8-".length(), problem.indexOf('x')));
            return new GridShortestPathOracle(side, side, 8, 0, 0, side - 1, side - 1,
                    NegativeCostPolicy.CLAMP, 0.0);
        }
        return oracle(problem);
    }

    /** {@code rows} random instances of {@code problem}, one row of length n each, flattened. */
    static double[] instances(String problem, int n, int rows, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        double[] theta = new double[rows * n];
        for (int i = 0; i < theta.length; i++) {
            if (problem.endsWith("-clamped")) {
                theta[i] = -(rnd.nextDouble(0.5, 10.0) + 10 * gaussian(rnd));
            } else if (problem.startsWith("grid")) {
                theta[i] = -rnd.nextDouble(0.5, 10.0);
            } else if (problem.startsWith("knapsack") || problem.startsWith("cp-sat")) {
                theta[i] = rnd.nextDouble();
            } else {
                theta[i] = gaussian(rnd);
            }
        }
        return theta;
    }

    static double gaussian(SplittableRandom rnd) {
        double u = 1.0 - rnd.nextDouble();
        return Math.sqrt(-2.0 * Math.log(u)) * Math.cos(2 * Math.PI * rnd.nextDouble());
    }

    /** 50 items with integer weights in [1, 100] and a capacity of half their total. */
    private static KnapsackOracle knapsack(int items) {
        SplittableRandom rnd = new SplittableRandom(7);
        long[] weights = new long[items];
        long total = 0;
        for (int i = 0; i < items; i++) {
            weights[i] = 1 + rnd.nextInt(100);
            total += weights[i];
        }
        return KnapsackOracle.of(weights, total / 2);
    }

    /**
     * n binary variables, two random knapsack rows (weights in [1, 20], capacity a third of the
     * total) and a cardinality row {@code sum z <= n / 5}, solved by CP-SAT with a 10 s limit.
     */
    private static IlpOracle cpSatIlp(int n) {
        SplittableRandom rnd = new SplittableRandom(11);
        IlpModel.Builder b = IlpModel.builder(n).name("bench-ilp-" + n);
        for (int r = 0; r < 2; r++) {
            double[] row = new double[n];
            double total = 0;
            for (int i = 0; i < n; i++) {
                row[i] = 1 + rnd.nextInt(20);
                total += row[i];
            }
            b.lessOrEqual(row, Math.floor(total / 3));
        }
        double[] ones = new double[n];
        java.util.Arrays.fill(ones, 1.0);
        b.lessOrEqual(ones, n / 5);
        return IlpOracle.of(b.build(), IlpBackend.CP_SAT, 10);
    }
}
