package org.imle.solvers.cache;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLong;
import org.imle.api.AbstractMapOracle;
import org.imle.api.MapOracle;
import org.imle.api.execution.RoutingOracle;
import org.imle.api.pool.PooledOracle;
import org.imle.api.pool.SolutionPool;

/**
 * Solution caching (Mulamba, Mandi, Diligenti, Lombardi, Bucarey, Guns, "Contrastive losses and
 * solution caching for predict-and-optimize", IJCAI 2021; PyEPO's {@code solve_ratio}): a
 * {@link MapOracle} decorator that sends only a fraction of the calls to the wrapped solver and
 * answers the others with the best solution under theta among those it has seen,
 * {@code argmax_{z in cache} <z, theta>}. Every cached z came from the solver (or from
 * {@link #addAll}), so every answer is feasible; it is optimal only over the cache, which is the
 * approximation the papers trade for speed.
 *
 * <p><b>Which calls are solved.</b> Call with theta goes to the solver when
 * {@code u(seed, theta) < solveRatio}, where u is a 64-bit hash of the seed and the bits of theta
 * mapped to [0, 1), or when the cache is empty. The decision depends only on (seed, theta), never
 * on the thread that makes the call or on timing; over the varied theta of training (fresh noise,
 * moving weights) the solved fraction is close to {@code solveRatio}.
 *
 * <p><b>When the cache grows.</b> The cache is a {@link SolutionPool}, the one the pool-based losses
 * (NCE, CMAP, learning to rank) read when built around this oracle. New solver solutions go to a
 * pending set, not to the cache; they
 * join the cache at {@link #commit()}, which the training loop calls at batch boundaries, in
 * lexicographic order of the solution vectors, skipping duplicates. The cache read by a batch is
 * therefore the same whatever the number of threads and the order in which they finished, and
 * ties between cached solutions go to the one that joined first (the lowest index), so results are
 * reproducible for a seed.
 *
 * <p><b>Cost.</b> A cached answer costs {@code O(|cache| * n)}; a solved one costs the solver's call
 * plus {@code O(n log |pending|)}. Memory is {@code O(|cache| * n)} doubles: the cache keeps every
 * distinct solution, as both papers do.
 *
 * <p><b>On an executor that ships solves</b> (Spark), this oracle is a {@link RoutingOracle}: the
 * rows it answers from the cache are answered in this JVM and only the others travel to the
 * solver, rebuilt there from its spec; the decisions, the answers and what joins the cache are the
 * same as in process.
 *
 * <p>Thread-safe: solves may run concurrently with each other; {@link #commit()} and
 * {@link #addAll} must not run while a batch is being solved (the training loop calls them
 * between batches).
 */
public final class CachingOracle extends AbstractMapOracle implements PooledOracle, RoutingOracle {

    private final MapOracle solver;
    private final double solveRatio;
    private final long seed;
    private final int n;
    private final SolutionPool cache;
    private final AtomicLong solved = new AtomicLong();
    private final AtomicLong answeredFromCache = new AtomicLong();

    private CachingOracle(MapOracle solver, double solveRatio, long seed) {
        super(solver.dimension());
        this.solver = solver;
        this.solveRatio = solveRatio;
        this.seed = seed;
        this.n = solver.dimension();
        this.cache = SolutionPool.of(n);
    }

    /**
     * Wraps a solver.
     *
     * @param solveRatio the fraction of calls sent to the solver, in [0, 1]; 1 solves every call
     * @param seed keys which calls are solved
     * @throws IllegalArgumentException if the solver is null or the ratio is outside [0, 1]
     */
    public static CachingOracle of(MapOracle solver, double solveRatio, long seed) {
        if (solver == null) {
            throw new IllegalArgumentException("solver must not be null");
        }
        if (!(solveRatio >= 0 && solveRatio <= 1)) {
            throw new IllegalArgumentException("solveRatio must be in [0, 1], got " + solveRatio);
        }
        return new CachingOracle(solver, solveRatio, seed);
    }

    /**
     * Sets the counts of {@link #solverCalls()} and {@link #cacheAnswers()}, as a checkpoint saved
     * them (the cache's contents go back through {@link SolutionPool#replaceWith}).
     *
     * @throws IllegalArgumentException if a count is negative
     */
    public void restoreCounts(long solverCalls, long cacheAnswers) {
        if (solverCalls < 0 || cacheAnswers < 0) {
            throw new IllegalArgumentException("counts must be >= 0, got " + solverCalls + " and " + cacheAnswers);
        }
        solved.set(solverCalls);
        answeredFromCache.set(cacheAnswers);
    }

    /** The cache, shared with any pool-based loss built around this oracle. */
    @Override
    public SolutionPool pool() {
        return cache;
    }

    public MapOracle solver() {
        return solver;
    }

    public double solveRatio() {
        return solveRatio;
    }

    /**
     * Answers from the cache or, as the class comment says, from the solver. The arguments are
     * checked before either: an answer from the cache must not skip the solver's checks, and a
     * cached score over a non-finite theta would be NaN. The solver checks its call again, which
     * costs a pass over the row next to a solve.
     */
    @Override
    protected void solveUnchecked(double[] theta, int thetaOffset, double[] z, int zOffset) {
        double[][] snapshot = cache.snapshot();
        if (routesToSolver(snapshot, theta, thetaOffset)) {
            solver.solve(theta, thetaOffset, z, zOffset);
            solved.incrementAndGet();
            cache.add(z, zOffset);
            return;
        }
        answerFromCache(snapshot, theta, thetaOffset, z, zOffset);
    }

    private void answerFromCache(double[][] snapshot, double[] theta, int thetaOffset, double[] z, int zOffset) {
        int best = bestIndex(snapshot, theta, thetaOffset);
        System.arraycopy(snapshot[best], 0, z, zOffset, n);
        answeredFromCache.incrementAndGet();
    }

    /**
     * Answers from the cache, here, the rows that {@link #solve} would answer from it (checked as
     * {@code solve} checks them), and returns the others, which go to the solver.
     */
    @Override
    public int[] answerLocally(double[] block, int rows, double[] z) {
        double[][] snapshot = cache.snapshot();
        int[] routed = new int[rows];
        int count = 0;
        for (int r = 0; r < rows; r++) {
            if (routesToSolver(snapshot, block, r * n)) {
                routed[count++] = r;
            } else {
                checkCall(block, r * n, z, r * n);
                answerFromCache(snapshot, block, r * n, z, r * n);
            }
        }
        return Arrays.copyOf(routed, count);
    }

    /** Counts the solver's answers and adds them to the pending solutions, as solved calls of {@link #solve} do. */
    @Override
    public void routedSolved(double[] solved, int count) {
        for (int i = 0; i < count; i++) {
            cache.add(solved, i * n);
        }
        this.solved.addAndGet(count);
    }

    /** Whether a call goes to the solver: when the cache is empty, or as the hash of (seed, theta) says. */
    private boolean routesToSolver(double[][] snapshot, double[] theta, int offset) {
        return snapshot.length == 0 || solvedByHash(theta, offset);
    }

    /** The index of the cached solution with the largest score, the lowest index among ties. */
    static int bestIndex(double[][] snapshot, double[] theta, int offset) {
        return SolutionPool.bestIndex(snapshot, theta, offset);
    }

    private boolean solvedByHash(double[] theta, int offset) {
        if (solveRatio >= 1) {
            return true;
        }
        long h = mix(seed ^ 0x9E3779B97F4A7C15L);
        for (int i = 0; i < n; i++) {
            h = mix(h ^ Double.doubleToLongBits(theta[offset + i] + 0.0));
        }
        double u = (h >>> 11) * 0x1.0p-53;
        return u < solveRatio;
    }

    /** The finaliser of SplitMix64 (Steele, Lea, Flood 2014): a bijection that mixes every bit. */
    private static long mix(long x) {
        x += 0x9E3779B97F4A7C15L;
        x = (x ^ (x >>> 30)) * 0xBF58476D1CE4E5B9L;
        x = (x ^ (x >>> 27)) * 0x94D049BB133111EBL;
        return x ^ (x >>> 31);
    }

    /**
     * Adds known feasible solutions (for example the true solutions of the training instances, as
     * both papers seed the cache) to the pending set; they join the cache at the next
     * {@link #commit()}.
     *
     * @throws IllegalArgumentException naming the row with a wrong length or a non-finite entry
     */
    public void addAll(double[][] solutions) {
        cache.addAll(solutions);
    }

    /**
     * Moves the pending solutions into the cache in lexicographic order, skipping those already
     * cached. Call between batches.
     *
     * @return how many solutions joined
     */
    public int commit() {
        return cache.commit();
    }

    /** The number of cached solutions. */
    public int size() {
        return cache.size();
    }

    /** Cached solution c (a copy), in the order solutions joined. */
    public double[] cached(int c) {
        return cache.get(c);
    }

    /** Calls sent to the solver so far. */
    public long solverCalls() {
        return solved.get();
    }

    /** Calls answered from the cache so far. */
    public long cacheAnswers() {
        return answeredFromCache.get();
    }

    @Override
    public String infeasibility(double[] z) {
        return solver.infeasibility(z);
    }

    @Override
    public String toString() {
        return "cached " + solver + " (solve ratio " + solveRatio + ", " + cache.size() + " cached)";
    }
}
