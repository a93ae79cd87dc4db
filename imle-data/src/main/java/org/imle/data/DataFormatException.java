package org.imle.data;


/**
 * A data file that cannot be read because its content is wrong: a bad magic number or header, an
 * unsupported dtype, a shape that does not match the data, a truncated or corrupt file. Every
 * reader of this package (and the dataset readers built on them) throws this one type, so that
 * the command line can turn it into a single line on stderr and exit code 2 (as every
 * {@link BadFileException}).
 *
 * <p>The message always starts with the file name and, where it helps, says the byte offset of
 * the problem. Not to be confused with {@link java.util.zip.DataFormatException}, which the JDK
 * uses for corrupt deflate data and which never escapes these readers.
 */
public class DataFormatException extends BadFileException {

    private static final long serialVersionUID = 1L;

    private final String file;
    private final long offset;

    /** A problem with the whole file (no particular position). */
    public DataFormatException(String file, String problem) {
        this(file, -1, problem, null);
    }

    /** A problem at byte {@code offset} of the file ({@code -1} for none). */
    public DataFormatException(String file, long offset, String problem) {
        this(file, offset, problem, null);
    }

    /** A problem found through a lower-level exception (a corrupt gzip stream, say). */
    public DataFormatException(String file, long offset, String problem, Throwable cause) {
        super(file + ": " + (offset >= 0 ? "at byte " + offset + ": " : "") + problem, cause);
        this.file = file;
        this.offset = offset;
    }

    /** The file (as the reader was given it) whose content is wrong. */
    public String file() {
        return file;
    }

    /** The byte offset of the problem, or {@code -1} when it concerns the whole file. */
    public long offset() {
        return offset;
    }

    /**
     * Refuses a directory given where a file is read, with a message naming it; the JDK's own
     * "Is a directory" error does not say which path was meant.
     */
    public static void requireNotDirectory(java.nio.file.Path file) throws DataFormatException {
        if (java.nio.file.Files.isDirectory(file)) {
            throw new DataFormatException(file.toString(), "is a directory, not a file");
        }
    }
}
