package org.imle.train.trainer;

import java.io.IOException;

/**
 * A checkpoint that cannot be resumed from: corrupt or truncated, not a trainer checkpoint, or
 * made with another seed or other settings than the run that reads it. The message names the file
 * and what is wrong, on one line. It is the reader's input that is wrong, not the machine, so
 * command lines report it as bad input.
 */
public final class BadCheckpointException extends IOException {

    private static final long serialVersionUID = 1L;

    /** @param message names the file and the problem */
    public BadCheckpointException(String message) {
        super(message);
    }

    /**
     * @param message names the file and the problem
     * @param cause the reader's own exception
     */
    public BadCheckpointException(String message, Throwable cause) {
        super(message, cause);
    }
}
