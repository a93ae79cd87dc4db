package org.imle.solvers;

/**
 * The objective {@code <theta, z>} can grow without bound over the feasible set, so no maximiser
 * exists. The message names the model.
 */
public final class UnboundedProblemException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public UnboundedProblemException(String message) {
        super(message);
    }
}
