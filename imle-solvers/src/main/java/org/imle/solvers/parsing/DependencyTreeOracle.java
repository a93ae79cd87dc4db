package org.imle.solvers.parsing;

import java.util.function.IntFunction;
import org.imle.api.AbstractMapOracle;

/**
 * What the dependency-tree oracles share: the {@link DependencyArcs} encoding (n nodes, theta and
 * z n x n with entry {@code head * n + dep}), which theta entries are read, per-thread scratch,
 * and writing the decoded heads as z. Subclasses only decode.
 *
 * @param <S> the per-thread scratch of the decoder
 */
abstract class DependencyTreeOracle<S> extends AbstractMapOracle {

    final int n;
    private final ThreadLocal<S> scratch;

    DependencyTreeOracle(int n, IntFunction<S> newScratch) {
        super(DependencyArcs.checkNodes(n) * n);
        this.n = n;
        this.scratch = ThreadLocal.withInitial(() -> newScratch.apply(this.n));
    }

    /** The number of nodes, the root included. */
    public int nodes() {
        return n;
    }

    @Override
    protected void solveUnchecked(double[] theta, int thetaOffset, double[] z, int zOffset) {
        S s = scratch.get();
        if (n > 1) {
            decode(theta, thetaOffset, s);
        }
        DependencyArcs.write(heads(s), n, z, zOffset);
    }

    /** The diagonal and the root's column are no arcs: they may hold -infinity masks. */
    @Override
    protected boolean ignoresCoordinate(int coordinate) {
        return !DependencyArcs.isArc(coordinate, n);
    }

    @Override
    protected String describeCoordinate(int coordinate) {
        return "arc from head " + coordinate / n + " to dependent " + coordinate % n;
    }

    /** Decodes the best tree of the n x n scores at {@code theta[off ..]} (n > 1) into the scratch. */
    abstract void decode(double[] theta, int off, S s);

    /** The head of every node as the last decode left it (entry 0, the root's, is unused). */
    abstract int[] heads(S s);
}
