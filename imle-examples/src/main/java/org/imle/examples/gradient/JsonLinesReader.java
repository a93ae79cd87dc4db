package org.imle.examples.gradient;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Splits a byte stream into lines (LF or CRLF) and checks each one as strict UTF-8, so that a bad
 * line is reported on its own (invalid UTF-8 at byte j, a line longer than the limit) and the
 * lines after it are still read. A line longer than the limit is skipped up to its end without
 * being stored, so a huge or endless line never exhausts memory. A UTF-8 byte order mark at the
 * start of the stream is dropped. Reads in 64 KiB blocks; O(1) work per byte, and no allocation for
 * a line of ASCII (every request the gradient service's clients write): only lines with other
 * bytes go through the JDK's decoder.
 */
final class JsonLinesReader {

    private final InputStream in;
    private final int maxLineBytes;
    private final byte[] block = new byte[1 << 16];
    private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    private byte[] line = new byte[1 << 10];
    private int lineLength;
    private int start;
    private int pos;
    private int limit;
    private boolean eof;
    private long number;
    private String error;

    JsonLinesReader(InputStream in, int maxLineBytes) {
        if (maxLineBytes < 1) {
            throw new IllegalArgumentException("max line bytes must be >= 1, got " + maxLineBytes);
        }
        this.in = in;
        this.maxLineBytes = maxLineBytes;
    }

    /**
     * Reads the next line; false at the end of the stream. Afterwards {@link #number()},
     * {@link #error()} and, when it is null, {@link #bytes()} from {@link #start()} to
     * {@link #end()} describe it, until the next call.
     */
    boolean next() throws IOException {
        lineLength = 0;
        start = 0;
        error = null;
        long total = 0;
        boolean consumed = false;
        while (true) {
            if (pos >= limit) {
                if (eof || !fill()) {
                    break;
                }
            }
            consumed = true;
            int newline = -1;
            for (int i = pos; i < limit; i++) {
                if (block[i] == '\n') {
                    newline = i;
                    break;
                }
            }
            int end = newline < 0 ? limit : newline;
            total += end - pos;
            if (total <= maxLineBytes) {
                append(pos, end - pos);
            }
            pos = newline < 0 ? limit : newline + 1;
            if (newline >= 0) {
                break;
            }
        }
        if (!consumed) {
            return false;
        }
        number++;
        if (lineLength > 0 && line[lineLength - 1] == '\r' && total <= maxLineBytes) {
            lineLength--;
        }
        if (total > maxLineBytes) {
            error = "line has " + total + " bytes, more than the limit of " + maxLineBytes + " (--max-line-bytes)";
            return true;
        }
        if (number == 1 && lineLength >= 3 && (line[0] & 0xFF) == 0xEF && (line[1] & 0xFF) == 0xBB
                && (line[2] & 0xFF) == 0xBF) {
            start = 3;
        }
        check();
        return true;
    }

    long number() {
        return number;
    }

    /** Why the line cannot be read, or null. */
    String error() {
        return error;
    }

    /** The line's bytes, valid until the next call of {@link #next()}. */
    byte[] bytes() {
        return line;
    }

    int start() {
        return start;
    }

    int end() {
        return lineLength;
    }

    /** Whether the line is empty or white space only (as {@link String#isBlank()} says). */
    boolean blank() {
        boolean ascii = true;
        for (int i = start; i < lineLength; i++) {
            if (line[i] < 0) {
                ascii = false;
            } else if (!Character.isWhitespace(line[i])) {
                return false;
            }
        }
        return ascii || new String(line, start, lineLength - start, StandardCharsets.UTF_8).isBlank();
    }

    private boolean fill() throws IOException {
        int read = in.read(block);
        while (read == 0) {
            read = in.read(block);
        }
        if (read < 0) {
            eof = true;
            pos = 0;
            limit = 0;
            return false;
        }
        pos = 0;
        limit = read;
        return true;
    }

    private void append(int from, int length) {
        if (lineLength + length > line.length) {
            int size = Math.max(line.length * 2, lineLength + length);
            line = java.util.Arrays.copyOf(line, Math.min(size, Math.max(maxLineBytes, lineLength + length)));
        }
        System.arraycopy(block, from, line, lineLength, length);
        lineLength += length;
    }

    private void check() {
        for (int i = start; i < lineLength; i++) {
            if (line[i] < 0) {
                decode();
                return;
            }
        }
    }

    private void decode() {
        ByteBuffer bytes = ByteBuffer.wrap(line, start, lineLength - start);
        CharBuffer chars = CharBuffer.allocate(lineLength - start);
        decoder.reset();
        CoderResult result = decoder.decode(bytes, chars, true);
        if (!result.isError()) {
            result = decoder.flush(chars);
        }
        if (result.isError()) {
            error = "invalid UTF-8 at byte " + (bytes.position() + 1) + " of the line";
        }
    }
}
