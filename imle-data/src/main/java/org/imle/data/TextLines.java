package org.imle.data;

import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Reads a UTF-8 text file line by line while counting lines, so that every reader can report a
 * problem as {@code FILE:LINE}. Unlike {@link java.io.BufferedReader} it decodes each line on its
 * own with a strict decoder, so invalid UTF-8 is reported at the exact line that holds it instead
 * of being replaced by U+FFFD or reported wherever the read-ahead buffer happened to be.
 *
 * <p>Lines end at {@code \n}; a {@code \r} before it is dropped, a byte-order mark at the start of
 * the file is skipped, and a last line without a terminator is still a line. A file whose name
 * ends in {@code .gz} is decompressed on the fly (the Lei et al. 2016 BeerAdvocate files and most
 * word-vector files are distributed gzipped); a corrupt gzip stream is reported as a malformed
 * file. A line longer than {@link #maxLineBytes()} is rejected rather than buffered, so random
 * bytes without newlines cannot exhaust memory. Reading is O(file size); not thread-safe.
 */
public final class TextLines implements Closeable {

    /** Default longest accepted line: 16 MiB, far above any real CoNLL-U, review or vector line. */
    public static final int DEFAULT_MAX_LINE_BYTES = 1 << 24;

    private final Path file;
    private final InputStream in;
    private final int maxLineBytes;
    private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    private final byte[] chunk = new byte[1 << 16];
    private int pos;
    private int limit;
    private byte[] buffer = new byte[256];
    private long lineNumber;
    private boolean eof;

    private TextLines(Path file, InputStream in, int maxLineBytes) {
        this.file = file;
        this.in = in;
        this.maxLineBytes = maxLineBytes;
    }

    /** Opens {@code file} with the default line limit. */
    public static TextLines open(Path file) throws IOException {
        return open(file, DEFAULT_MAX_LINE_BYTES);
    }

    /** Opens {@code file}, rejecting lines longer than {@code maxLineBytes} bytes. */
    public static TextLines open(Path file, int maxLineBytes) throws IOException {
        DataFormatException.requireNotDirectory(file);
        return of(Files.newInputStream(file), file, maxLineBytes);
    }

    /**
     * Reads lines from a stream (standard input, a resource, bytes in memory) with the default
     * line limit; {@code name} is the file name used in messages and to recognise {@code .gz}.
     * Closing the result closes the stream.
     */
    public static TextLines of(InputStream in, Path name) throws IOException {
        return of(in, name, DEFAULT_MAX_LINE_BYTES);
    }

    private static TextLines of(InputStream raw, Path name, int maxLineBytes) throws IOException {
        if (maxLineBytes < 1) {
            raw.close();
            throw new IllegalArgumentException("maxLineBytes must be >= 1, got " + maxLineBytes);
        }
        InputStream in = raw;
        if (name.getFileName() != null && name.getFileName().toString().endsWith(".gz")) {
            try {
                in = new GZIPInputStream(new BufferedInputStream(raw, 1 << 16), 1 << 16);
            } catch (ZipException | EOFException e) {
                raw.close();
                throw new MalformedFileException(name, 1, "not a valid gzip file: " + e.getMessage(), e);
            } catch (IOException | RuntimeException e) {
                raw.close();
                throw e;
            }
        }
        return new TextLines(name, in, maxLineBytes);
    }

    /** The file being read. */
    public Path file() {
        return file;
    }

    /** The longest accepted line in bytes. */
    public int maxLineBytes() {
        return maxLineBytes;
    }

    /** The 1-based number of the line last returned by {@link #next()}; 0 before the first. */
    public long lineNumber() {
        return lineNumber;
    }

    /**
     * Returns the next line without its terminator, or {@code null} at the end of the file.
     *
     * @throws MalformedFileException if the line is not valid UTF-8, is too long, or the gzip
     *     stream is corrupt
     */
    public String next() throws IOException {
        if (eof) {
            return null;
        }
        int length = 0;
        boolean sawAny = false;
        while (true) {
            if (pos == limit && !fill()) {
                eof = true;
                if (!sawAny) {
                    return null;
                }
                break;
            }
            sawAny = true;
            int end = pos;
            while (end < limit && chunk[end] != '\n') {
                end++;
            }
            int count = end - pos;
            if (count > maxLineBytes - length) {
                throw error(lineNumber + 1, "line longer than " + maxLineBytes + " bytes");
            }
            if (length + count > buffer.length) {
                long grown = Math.max(2L * buffer.length, (long) length + count);
                buffer = Arrays.copyOf(buffer, (int) Math.min(grown, (long) maxLineBytes));
            }
            System.arraycopy(chunk, pos, buffer, length, count);
            length += count;
            if (end < limit) {
                pos = end + 1;
                break;
            }
            pos = end;
        }
        lineNumber++;
        if (length > 0 && buffer[length - 1] == '\r') {
            length--;
        }
        int start = 0;
        if (lineNumber == 1 && length >= 3 && buffer[0] == (byte) 0xEF && buffer[1] == (byte) 0xBB
                && buffer[2] == (byte) 0xBF) {
            start = 3;
        }
        try {
            CharBuffer chars = decoder.reset().decode(ByteBuffer.wrap(buffer, start, length - start));
            return chars.toString();
        } catch (CharacterCodingException e) {
            throw error(lineNumber, "invalid UTF-8 (" + e.getClass().getSimpleName() + ")", e);
        }
    }

    /** Refills the read chunk; false at the end of the stream. */
    private boolean fill() throws IOException {
        int n;
        try {
            n = in.read(chunk, 0, chunk.length);
            while (n == 0) {
                n = in.read(chunk, 0, chunk.length);
            }
        } catch (ZipException | EOFException e) {
            throw error(lineNumber + 1, "corrupt gzip stream: " + e.getMessage(), e);
        }
        if (n < 0) {
            return false;
        }
        pos = 0;
        limit = n;
        return true;
    }

    /** An exception for the line last returned by {@link #next()}. */
    public MalformedFileException error(String detail) {
        return error(lineNumber, detail, null);
    }

    /** An exception for a given line of this file. */
    public MalformedFileException error(long line, String detail) {
        return error(line, detail, null);
    }

    private MalformedFileException error(long line, String detail, Throwable cause) {
        return new MalformedFileException(file, line, detail, cause);
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
