package org.imle.solvers;

/**
 * A solver reached its time limit before it proved a maximiser optimal. Oracles raise it instead
 * of returning a structure that may not be the argmax, and instead of hanging; the message names
 * the model and the limit.
 */
public final class SolverTimeoutException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public SolverTimeoutException(String message) {
        super(message);
    }

    public SolverTimeoutException(String message, Throwable cause) {
        super(message, cause);
    }
}
