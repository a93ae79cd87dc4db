package org.imle.solvers.cache;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicLong;
import org.imle.api.AbstractMapOracle;
import org.imle.api.MapOracle;
import org.imle.api.check.Checks;

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
 * <p><b>When the cache grows.</b> New solver solutions go to a pending set, not to the cache; they
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
 * <p>Thread-safe: solves may run concurrently with each other; {@link #commit()} and
 * {@link #addAll} must not run while a batch is being solved (the training loop calls them
 * between batches).
 */
public final class CachingOracle extends AbstractMapOracle {

    private final MapOracle solver;
    private final double solveRatio;
    private final long seed;
    private final int n;
    private final Set<Solution> members = new HashSet<>();
    private final TreeSet<Solution> pending = new TreeSet<>();
    private volatile double[][] cache = new double[0][];
    private final AtomicLong solved = new AtomicLong();
    private final AtomicLong answeredFromCache = new AtomicLong();

    private CachingOracle(MapOracle solver, double solveRatio, long seed) {
        super(solver.dimension());
        this.solver = solver;
        this.solveRatio = solveRatio;
        this.seed = seed;
        this.n = solver.dimension();
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
        double[][] snapshot = cache;
        if (snapshot.length == 0 || solvedByHash(theta, thetaOffset)) {
            solver.solve(theta, thetaOffset, z, zOffset);
            solved.incrementAndGet();
            Solution s = new Solution(Arrays.copyOfRange(z, zOffset, zOffset + n));
            synchronized (pending) {
                pending.add(s);
            }
            return;
        }
        int best = bestIndex(snapshot, theta, thetaOffset);
        System.arraycopy(snapshot[best], 0, z, zOffset, n);
        answeredFromCache.incrementAndGet();
    }

    /** The index of the cached solution with the largest score, the lowest index among ties. */
    static int bestIndex(double[][] snapshot, double[] theta, int offset) {
        int best = 0;
        double bestScore = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < snapshot.length; c++) {
            double[] sol = snapshot[c];
            double score = 0;
            for (int i = 0; i < sol.length; i++) {
                score += sol[i] * theta[offset + i];
            }
            if (score > bestScore) {
                bestScore = score;
                best = c;
            }
        }
        return best;
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
        for (int r = 0; r < solutions.length; r++) {
            Checks.length("solution " + r, solutions[r], n);
            Checks.finite("solution " + r, solutions[r]);
            synchronized (pending) {
                pending.add(new Solution(solutions[r].clone()));
            }
        }
    }

    /**
     * Moves the pending solutions into the cache in lexicographic order, skipping those already
     * cached. Call between batches.
     *
     * @return how many solutions joined
     */
    public int commit() {
        List<double[]> added = new ArrayList<>();
        synchronized (pending) {
            for (Solution s : pending) {
                if (members.add(s)) {
                    added.add(s.values);
                }
            }
            pending.clear();
        }
        if (!added.isEmpty()) {
            double[][] old = cache;
            double[][] grown = Arrays.copyOf(old, old.length + added.size());
            for (int i = 0; i < added.size(); i++) {
                grown[old.length + i] = added.get(i);
            }
            cache = grown;
        }
        return added.size();
    }

    /** The number of cached solutions. */
    public int size() {
        return cache.length;
    }

    /** Cached solution c (a copy), in the order solutions joined. */
    public double[] cached(int c) {
        double[][] snapshot = cache;
        Checks.between("cached solution", c, 0, snapshot.length - 1);
        return snapshot[c].clone();
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
        return "cached " + solver + " (solve ratio " + solveRatio + ", " + cache.length + " cached)";
    }

    /** A solution vector with value equality and lexicographic order. */
    private static final class Solution implements Comparable<Solution> {
        final double[] values;
        private final int hash;

        Solution(double[] values) {
            for (int i = 0; i < values.length; i++) {
                values[i] += 0.0; // -0.0 becomes 0.0, so that equal structures compare equal
            }
            this.values = values;
            this.hash = Arrays.hashCode(values);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Solution s && Arrays.equals(values, s.values);
        }

        @Override
        public int hashCode() {
            return hash;
        }

        @Override
        public int compareTo(Solution o) {
            return Arrays.compare(values, o.values);
        }
    }
}
