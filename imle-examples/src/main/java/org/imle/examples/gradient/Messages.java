package org.imle.examples.gradient;

/** Message helpers of the gradient service. */
final class Messages {

    private Messages() {
    }

    /** Folds a message onto one line, as the command line's errors are (one error, one line). */
    static String oneLine(String message) {
        if (message == null) {
            return "";
        }
        return message.strip().replaceAll("\\s*\\R\\s*", "; ");
    }
}
