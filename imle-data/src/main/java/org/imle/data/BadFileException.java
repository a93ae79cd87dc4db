package org.imle.data;

import java.io.IOException;

/**
 * A data file whose content is wrong, whatever its format: the common base of
 * {@link DataFormatException} (binary formats, positions as byte offsets) and
 * {@link MalformedFileException} (text formats, positions as lines). The message always starts
 * with the file's name and says where the problem is. The command line maps every subclass to one
 * line on stderr and exit code 2, so a new reader only has to throw a subclass of this type.
 */
public abstract class BadFileException extends IOException {

    private static final long serialVersionUID = 1L;

    protected BadFileException(String message, Throwable cause) {
        super(message, cause);
    }
}
