package org.imle.solvers.shortestpath;

/**
 * The target of a shortest-path oracle cannot be reached from its source, so the oracle's set of
 * structures is empty. Raised when the oracle is built, since reachability does not depend on
 * theta.
 */
public final class UnreachableTargetException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final int source;
    private final int target;

    public UnreachableTargetException(int source, int target) {
        super("target node " + target + " is not reachable from source node " + source);
        this.source = source;
        this.target = target;
    }

    public int source() {
        return source;
    }

    public int target() {
        return target;
    }
}
