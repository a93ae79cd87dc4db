package org.imle.data;

import java.nio.file.Path;

/**
 * A data file does not follow its format. The message has the form
 * {@code FILE:LINE: what is wrong}, so that a user can open the file at the offending line; the
 * file, the line (1-based) and the bare detail are also available as fields. Every reader in
 * {@code imle-examples} (CoNLL-U, BeerAdvocate reviews and annotations, word vectors) reports bad
 * content with this one type, and nothing else: the command line maps it to exit code 2.
 *
 * <p>A problem that belongs to the file as a whole rather than to one line (a word2vec header
 * whose count disagrees with the body) names the last line read.
 */
public final class MalformedFileException extends BadFileException {

    private static final long serialVersionUID = 1L;

    private final transient Path file;
    private final long line;
    private final String detail;

    /** Creates the exception for {@code file} at 1-based {@code line}. */
    public MalformedFileException(Path file, long line, String detail) {
        this(file, line, detail, null);
    }

    /** Creates the exception for {@code file} at 1-based {@code line}, keeping the cause. */
    public MalformedFileException(Path file, long line, String detail, Throwable cause) {
        super(file + ":" + line + ": " + detail, cause);
        this.file = file;
        this.line = line;
        this.detail = detail;
    }

    /** The file that is malformed. */
    public Path file() {
        return file;
    }

    /** The 1-based line of the file where the problem is. */
    public long line() {
        return line;
    }

    /** What is wrong, without the file and line prefix. */
    public String detail() {
        return detail;
    }
}
