package org.imle.data;

import java.io.IOException;

/**
 * A data set that is not where it was looked for. The message is one line that names the
 * directory and the missing file and says how to get the data (which package to install, or
 * which option points elsewhere), so that the command line can print it as it is and exit with
 * code 2.
 */
public class MissingDatasetException extends IOException {

    private static final long serialVersionUID = 1L;

    /** Creates the exception with its complete one-line message. */
    public MissingDatasetException(String message) {
        super(message);
    }
}
