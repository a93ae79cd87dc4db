package org.imle.solvers.parsing;

import java.util.function.IntFunction;
import org.imle.api.MapOracle;
import org.imle.api.check.Checks;
import org.imle.solvers.SolveArguments;

/**
 * What the dependency-tree oracles share: the {@link DependencyArcs} encoding (n nodes, theta and
 * z n x n with entry {@code head * n + dep}), argument checks, per-thread scratch, and writing the
 * decoded heads as z. Subclasses only decode.
 *
 * @param <S> the per-thread scratch of the decoder
 */
abstract class DependencyTreeOracle<S> implements MapOracle {

    final int n;
    private final ThreadLocal<S> scratch;

    DependencyTreeOracle(int n, IntFunction<S> newScratch) {
        this.n = DependencyArcs.checkNodes(n);
        this.scratch = ThreadLocal.withInitial(() -> newScratch.apply(this.n));
    }

    /** The number of nodes, the root included. */
    public int nodes() {
        return n;
    }

    @Override
    public int dimension() {
        return n * n;
    }

    @Override
    public void solve(double[] theta, double[] z) {
        Checks.length("theta", theta, n * n);
        Checks.length("z", z, n * n);
        solve(theta, 0, z, 0);
    }

    @Override
    public void solve(double[] theta, int thetaOffset, double[] z, int zOffset) {
        SolveArguments.ranges(theta, thetaOffset, z, zOffset, n * n);
        DependencyArcs.requireFiniteArcs(theta, thetaOffset, n);
        S s = scratch.get();
        if (n > 1) {
            decode(theta, thetaOffset, s);
        }
        DependencyArcs.write(heads(s), n, z, zOffset);
    }

    /** Decodes the best tree of the n x n scores at {@code theta[off ..]} (n > 1) into the scratch. */
    abstract void decode(double[] theta, int off, S s);

    /** The head of every node as the last decode left it (entry 0, the root's, is unused). */
    abstract int[] heads(S s);
}
