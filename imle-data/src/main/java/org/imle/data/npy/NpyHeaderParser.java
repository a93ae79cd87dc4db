package org.imle.data.npy;

import org.imle.data.DataFormatException;
import java.util.ArrayList;
import java.util.List;

/**
 * Parses the Python dict literal of a {@code .npy} header, for example
 * {@code {'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }}, without evaluating
 * anything: exactly the subset of Python literals NumPy writes (quoted strings, True/False, tuples
 * of non-negative integers with an optional Python 2 {@code L} suffix). Linear in the header
 * length; every error names the character position inside the header.
 */
final class NpyHeaderParser {

    /** NumPy arrays have at most 64 dimensions. */
    static final int MAX_RANK = 64;

    private final String text;
    private final String file;
    private final long headerOffset;
    private int pos;

    private String descr;
    private Boolean fortranOrder;
    private int[] shape;

    NpyHeaderParser(String text, String file, long headerOffset) {
        this.text = text;
        this.file = file;
        this.headerOffset = headerOffset;
    }

    /** Parses the whole header; afterwards {@link #descr}, {@link #fortranOrder}, {@link #shape}. */
    void parse() throws DataFormatException {
        skipSpace();
        expect('{');
        skipSpace();
        while (peek() != '}') {
            int keyAt = pos;
            String key = string();
            skipSpace();
            expect(':');
            skipSpace();
            switch (key) {
                case "descr":
                    if (descr != null) {
                        throw error(keyAt, "duplicate key 'descr'");
                    }
                    if (peek() == '[' || peek() == '{') {
                        throw error(pos, "structured dtypes (a list or dict as 'descr') are not"
                                + " supported");
                    }
                    descr = string();
                    break;
                case "fortran_order":
                    if (fortranOrder != null) {
                        throw error(keyAt, "duplicate key 'fortran_order'");
                    }
                    fortranOrder = bool();
                    break;
                case "shape":
                    if (shape != null) {
                        throw error(keyAt, "duplicate key 'shape'");
                    }
                    shape = tuple();
                    break;
                default:
                    throw error(keyAt, "unexpected key '" + key
                            + "' (a .npy header has exactly 'descr', 'fortran_order', 'shape')");
            }
            skipSpace();
            if (peek() == ',') {
                pos++;
                skipSpace();
            } else if (peek() != '}') {
                throw error(pos, "expected ',' or '}' but found " + describe(pos));
            }
        }
        pos++;
        skipSpace();
        if (pos != text.length()) {
            throw error(pos, "unexpected " + describe(pos) + " after the header dict");
        }
        if (descr == null || fortranOrder == null || shape == null) {
            throw error(0, "header lacks " + (descr == null ? "'descr'"
                    : fortranOrder == null ? "'fortran_order'" : "'shape'"));
        }
    }

    String descr() {
        return descr;
    }

    boolean fortranOrder() {
        return fortranOrder;
    }

    int[] shape() {
        return shape;
    }

    private String string() throws DataFormatException {
        char quote = peek();
        if (quote != '\'' && quote != '"') {
            throw error(pos, "expected a quoted string but found " + describe(pos));
        }
        int start = ++pos;
        while (pos < text.length() && text.charAt(pos) != quote) {
            if (text.charAt(pos) == '\\') {
                throw error(pos, "escape sequences are not expected in a .npy header");
            }
            pos++;
        }
        if (pos >= text.length()) {
            throw error(start - 1, "unterminated string");
        }
        return text.substring(start, pos++);
    }

    private boolean bool() throws DataFormatException {
        if (text.startsWith("True", pos)) {
            pos += 4;
            return true;
        }
        if (text.startsWith("False", pos)) {
            pos += 5;
            return false;
        }
        throw error(pos, "expected True or False but found " + describe(pos));
    }

    private int[] tuple() throws DataFormatException {
        expect('(');
        List<Integer> dims = new ArrayList<>();
        skipSpace();
        while (peek() != ')') {
            dims.add(integer(dims.size()));
            if (dims.size() > MAX_RANK) {
                throw error(pos, "shape has more than " + MAX_RANK + " dimensions");
            }
            skipSpace();
            if (peek() == ',') {
                pos++;
                skipSpace();
            } else if (peek() != ')') {
                throw error(pos, "expected ',' or ')' in the shape but found " + describe(pos));
            }
        }
        pos++;
        int[] out = new int[dims.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = dims.get(i);
        }
        return out;
    }

    private int integer(int axis) throws DataFormatException {
        int start = pos;
        long value = 0;
        while (pos < text.length() && text.charAt(pos) >= '0' && text.charAt(pos) <= '9') {
            value = value * 10 + (text.charAt(pos) - '0');
            if (value > Integer.MAX_VALUE) {
                throw error(start, "shape axis " + axis + " is larger than " + Integer.MAX_VALUE);
            }
            pos++;
        }
        if (pos == start) {
            throw error(pos, "expected a non-negative integer for shape axis " + axis
                    + " but found " + describe(pos));
        }
        if (peek() == 'L') {
            pos++; // Python 2 long literal, as very old NumPy versions wrote
        }
        return (int) value;
    }

    private void expect(char c) throws DataFormatException {
        if (peek() != c) {
            throw error(pos, "expected '" + c + "' but found " + describe(pos));
        }
        pos++;
    }

    private char peek() {
        return pos < text.length() ? text.charAt(pos) : '\0';
    }

    private void skipSpace() {
        while (pos < text.length() && (text.charAt(pos) == ' ' || text.charAt(pos) == '\n'
                || text.charAt(pos) == '\t' || text.charAt(pos) == '\r')) {
            pos++;
        }
    }

    private String describe(int at) {
        if (at >= text.length()) {
            return "the end of the header";
        }
        char c = text.charAt(at);
        return c >= ' ' && c < 0x7F ? "'" + c + "'" : String.format("character U+%04X", (int) c);
    }

    private DataFormatException error(int at, String problem) {
        return new DataFormatException(file, headerOffset + at, "bad .npy header: " + problem);
    }
}
