package org.imle.spark;

/**
 * A solve that Spark could not run: the master could not be reached, an executor could not build
 * the oracle from its spec (its plug-in is not on that executor's class path), or the job failed
 * for a reason outside the oracle. An oracle's own failure (an infeasible model, a bad coordinate)
 * is rethrown as the oracle threw it, as an in-process executor would.
 */
public class SparkSolveException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    /** A failure described by {@code message}. */
    public SparkSolveException(String message) {
        super(message);
    }

    /** A failure described by {@code message}, caused by {@code cause}. */
    public SparkSolveException(String message, Throwable cause) {
        super(message, cause);
    }
}
