package org.imle.api.execution;

import org.imle.api.MapOracle;

/**
 * An oracle that answers some rows of a request itself, from state kept in this JVM, and routes
 * the others to a solver it wraps: solution caching ({@code CachingOracle} in imle-solvers) answers
 * a row from its cache or sends it to the solver. Such an oracle carries no spec of its own, since
 * its state cannot be rebuilt elsewhere, but an executor that ships solves ({@link
 * SolveExecutor#shipsSolves()}) can still take it: {@link #solve(RoutingOracle, int, ThetaRows,
 * double[], SolveExecutor)} answers the local rows here and ships only the routed ones, which is what
 * makes a solve ratio below 1 work on Spark.
 *
 * <p>The contract that keeps the numbers equal to an in-process run: which rows are routed, and the
 * local answers, depend only on the rows and on state that changes between requests, never on the
 * order in which rows are answered or routed rows come back; a routed row's z is exactly what
 * {@link #solver()} returns for it, as when the row goes through {@link MapOracle#solve}.
 */
public interface RoutingOracle extends MapOracle {

    /** The oracle that answers the routed rows; a shipping executor sends them to it (so it needs a spec). */
    MapOracle solver();

    /**
     * Answers the rows of {@code block} (row r is {@code block[r * n .. (r + 1) * n)}) that this
     * oracle answers itself into the same rows of z, checking them as {@link MapOracle#solve} would.
     *
     * @return the indices of the other rows, ascending: those the caller solves with {@link #solver()}
     */
    int[] answerLocally(double[] block, int rows, double[] z);

    /**
     * Takes note of the solver's answers to the routed rows ({@code solved} holds their z rows one
     * after another, in the order {@link #answerLocally} returned them), as a call of
     * {@link MapOracle#solve} that went to the solver would have.
     */
    void routedSolved(double[] solved, int count);

    /**
     * Answers a request of a routing oracle with {@code shipping}: the local rows here, the routed
     * ones in one request of {@code shipping.solve(oracle.solver(), ...)}, then the routed answers
     * back into their rows of z.
     */
    static void solve(RoutingOracle oracle, int rows, ThetaRows theta, double[] z, SolveExecutor shipping) {
        InProcessSolves.checkRequest(oracle, rows, theta, z);
        int n = oracle.dimension();
        double[] block = ThetaRows.block(theta, rows, n);
        int[] routed = oracle.answerLocally(block, rows, z);
        if (routed.length == 0) {
            return;
        }
        double[] routedTheta = new double[routed.length * n];
        for (int i = 0; i < routed.length; i++) {
            System.arraycopy(block, routed[i] * n, routedTheta, i * n, n);
        }
        double[] routedZ = new double[routedTheta.length];
        shipping.solve(oracle.solver(), routed.length, ThetaRows.stored(routedTheta, n), routedZ);
        for (int i = 0; i < routed.length; i++) {
            System.arraycopy(routedZ, i * n, z, routed[i] * n, n);
        }
        oracle.routedSolved(routedZ, routed.length);
    }
}
