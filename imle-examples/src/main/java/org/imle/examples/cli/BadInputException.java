package org.imle.examples.cli;

/**
 * Bad input detected by the command line itself (a missing or unreadable input file, a malformed
 * file): reported as one line on stderr with exit code {@link CliErrors#BAD_INPUT}, like an
 * {@link IllegalArgumentException} from the library. The message names the file and, where it
 * applies, the line.
 */
public class BadInputException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public BadInputException(String message) {
        super(message);
    }

    public BadInputException(String message, Throwable cause) {
        super(message, cause);
    }
}
