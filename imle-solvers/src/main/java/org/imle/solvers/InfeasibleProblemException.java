package org.imle.solvers;

/**
 * The constraints of an optimisation model admit no solution, so no structure exists to return.
 * The message names the model.
 */
public final class InfeasibleProblemException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public InfeasibleProblemException(String message) {
        super(message);
    }
}
