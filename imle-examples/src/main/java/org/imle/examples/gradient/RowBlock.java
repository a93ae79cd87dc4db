package org.imle.examples.gradient;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.io.NumberInput;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Base64;
import org.imle.data.DataFormatException;
import org.imle.data.npy.Npy;
import org.imle.data.npy.NpyArray;

/**
 * One array field of a request ({@code theta}, {@code dLdz}, {@code target}, {@code trueTheta}),
 * read straight from the token stream into a reused primitive buffer: either a JSON list of rows
 * of numbers, or a string holding a base64 {@code .npy} file of shape (rows, ...). Reading never
 * fails on the content (only malformed JSON stops the parser): the first problem is kept and
 * reported by {@link #rows}, once the oracle, and so the row length, is known, with the message
 * the tree reader gave ({@code request field 'theta' row 1 has 4 entries, expected 5 ...}).
 * Numbers are parsed from the parser's character buffer, so a value costs no allocation.
 *
 * <p>{@link #readFast} reads a list of rows straight from the line's bytes instead, for
 * {@link RequestSplitter}: one pass over the bytes, without Jackson's tokens, and the same doubles
 * (integers and short decimals exactly by Clinger's fast path, the rest by the same fast parser).
 * It accepts only what is certainly valid and finite; on anything else it gives up, and the line is
 * read as before, with the errors as before.
 */
final class RowBlock {

    private enum Problem { NONE, NOT_A_LIST, ROW_NOT_A_LIST, BAD_COORDINATE, NPY }

    private final String name;
    private double[] values = new double[1 << 10];
    private int size;
    private int[] rowLengths = new int[64];
    private int rows;
    private boolean present;
    private boolean npy;
    private int npyRowLength;
    private Problem problem = Problem.NONE;
    private int problemRow;
    private String problemText;
    private boolean fast;
    /** One number's characters for the fast parser, in {@link #readFast}. */
    private final char[] digits = new char[MAX_FAST_NUMBER];

    /** The longest number {@link #readFast} reads; a longer one goes the slow way. */
    private static final int MAX_FAST_NUMBER = 40;
    /** The exact doubles 10^0 .. 10^22, for Clinger's fast path. */
    private static final double[] POWERS_OF_TEN = new double[23];

    static {
        double p = 1;
        for (int i = 0; i < POWERS_OF_TEN.length; i++) {
            POWERS_OF_TEN[i] = p;
            p *= 10;
        }
    }

    RowBlock(String name) {
        this.name = name;
    }

    String name() {
        return name;
    }

    void clear() {
        size = 0;
        rows = 0;
        present = false;
        npy = false;
        fast = false;
        problem = Problem.NONE;
        problemText = null;
    }

    /** Whether {@link #readFast} read this field (its value is then only a placeholder for Jackson). */
    boolean readFast() {
        return fast;
    }

    /**
     * Reads a non-empty list of non-empty rows of JSON numbers, each a finite double, from the
     * bytes at {@code pos} (its '[') and returns the position after its ']'; returns -1 for
     * anything else (another value, bad JSON, an overflowing number, a number longer than 40
     * characters), the block then cleared.
     */
    int readFast(byte[] b, int pos, int to) {
        int i = pos + 1;
        while (true) {
            i = RequestSplitter.skipSpace(b, i, to);
            if (i >= to || b[i] != '[') {
                return giveUp();
            }
            int start = size;
            i++;
            while (true) {
                i = RequestSplitter.skipSpace(b, i, to);
                i = number(b, i, to);
                if (i < 0) {
                    return giveUp();
                }
                i = RequestSplitter.skipSpace(b, i, to);
                if (i >= to) {
                    return giveUp();
                }
                if (b[i] == ']') {
                    i++;
                    break;
                }
                if (b[i] != ',') {
                    return giveUp();
                }
                i++;
            }
            addRow(size - start);
            i = RequestSplitter.skipSpace(b, i, to);
            if (i >= to) {
                return giveUp();
            }
            if (b[i] == ']') {
                present = true;
                fast = true;
                return i + 1;
            }
            if (b[i] != ',') {
                return giveUp();
            }
            i++;
        }
    }

    private int giveUp() {
        clear();
        return -1;
    }

    /**
     * One JSON number at {@code i} (-?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)?) added as the
     * double Jackson's path gives; returns the position after it, or -1.
     */
    private int number(byte[] b, int i, int to) {
        int start = i;
        boolean negative = i < to && b[i] == '-';
        if (negative) {
            i++;
        }
        if (i >= to) {
            return -1;
        }
        long mantissa = 0;
        int significant = 0;
        int scale = 0;
        if (b[i] == '0') {
            i++;
        } else if (b[i] >= '1' && b[i] <= '9') {
            for (; i < to && b[i] >= '0' && b[i] <= '9'; i++) {
                if (significant < 18) {
                    mantissa = 10 * mantissa + (b[i] - '0');
                    significant++;
                } else {
                    significant++;
                    scale++;
                }
            }
        } else {
            return -1;
        }
        boolean integral = true;
        if (i < to && b[i] == '.') {
            integral = false;
            i++;
            int first = i;
            for (; i < to && b[i] >= '0' && b[i] <= '9'; i++) {
                if (significant == 0 && b[i] == '0') {
                    scale--; // leading zeros of 0.000d: not significant
                } else if (significant < 18) {
                    mantissa = 10 * mantissa + (b[i] - '0');
                    significant++;
                    scale--;
                } else {
                    significant++;
                }
            }
            if (i == first) {
                return -1;
            }
        }
        boolean exponentGiven = false;
        int exponent = 0;
        if (i < to && (b[i] == 'e' || b[i] == 'E')) {
            integral = false;
            exponentGiven = true;
            i++;
            boolean minus = false;
            if (i < to && (b[i] == '+' || b[i] == '-')) {
                minus = b[i] == '-';
                i++;
            }
            int first = i;
            for (; i < to && b[i] >= '0' && b[i] <= '9'; i++) {
                if (exponent < 100_000) {
                    exponent = 10 * exponent + (b[i] - '0');
                }
            }
            if (i == first) {
                return -1;
            }
            if (minus) {
                exponent = -exponent;
            }
        }
        int length = i - start;
        if (length > MAX_FAST_NUMBER) {
            return -1;
        }
        double v;
        if (integral && significant <= 18) {
            // as Jackson's getIntValue for short integers, and the nearest double for the rest ("-0" is 0)
            v = negative ? -(double) mantissa : (double) mantissa;
            if (mantissa == 0) {
                v = 0;
            }
        } else if (significant <= 15 && Math.abs(scale + exponent) <= 22) {
            // Clinger: an exact mantissa < 2^53 and an exact power of ten, one correctly rounded operation
            int e = scale + exponent;
            double m = mantissa;
            v = e < 0 ? m / POWERS_OF_TEN[-e] : m * POWERS_OF_TEN[e];
            if (negative) {
                v = -v;
            }
        } else {
            for (int j = 0; j < length; j++) {
                digits[j] = (char) b[start + j];
            }
            v = NumberInput.parseDouble(digits, 0, length, true);
        }
        if (!Double.isFinite(v) || exponentGiven && Math.abs(exponent) >= 100_000) {
            return -1;
        }
        add(v);
        return i;
    }

    /** Whether the request has the field (JSON {@code null} counts as absent). */
    boolean present() {
        return present;
    }

    /** Reads the value at the parser's current token, up to and including its last token. */
    void read(JsonParser p, ObjectMapper mapper) throws IOException {
        JsonToken t = p.currentToken();
        if (t == JsonToken.VALUE_NULL) {
            return;
        }
        present = true;
        if (t == JsonToken.VALUE_STRING) {
            readNpy(p.getText());
            return;
        }
        if (t != JsonToken.START_ARRAY) {
            defer(Problem.NOT_A_LIST, 0, JsonFields.describe(mapper.readTree(p)));
            return;
        }
        for (t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
            if (t != JsonToken.START_ARRAY) {
                defer(Problem.ROW_NOT_A_LIST, rows, JsonFields.describe(mapper.readTree(p)));
                addRow(-1);
                continue;
            }
            int start = size;
            for (t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
                double v = 0;
                if (t == JsonToken.VALUE_NUMBER_INT || t == JsonToken.VALUE_NUMBER_FLOAT) {
                    v = number(p, t);
                    if (!Double.isFinite(v)) {
                        defer(Problem.BAD_COORDINATE, rows, "coordinate " + (size - start)
                                + " is outside the range of a double (JSON numbers must be finite doubles)");
                    }
                } else {
                    JsonNode node = mapper.readTree(p);
                    defer(Problem.BAD_COORDINATE, rows, "coordinate " + (size - start) + " must be a number, got "
                            + JsonFields.describe(node));
                }
                add(v);
            }
            addRow(size - start);
        }
    }

    private static double number(JsonParser p, JsonToken t) throws IOException {
        int length = p.getTextLength();
        if (t == JsonToken.VALUE_NUMBER_INT && length <= 9) {
            return p.getIntValue();
        }
        return NumberInput.parseDouble(p.getTextCharacters(), p.getTextOffset(), length, true);
    }

    private void readNpy(String base64) {
        npy = true;
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            defer(Problem.NPY, 0, "is neither a list of rows nor base64 (" + e.getMessage() + ")");
            return;
        }
        readNpy(bytes);
    }

    /**
     * Decodes a base64 {@code .npy} string straight from the line's bytes, its opening quote at
     * {@code pos} and its closing quote, with no escape before it, at {@code end}, so that Jackson
     * never makes a String of the 50 KB or more of such a field. Returns false, leaving the block as
     * it was, for a string that is not base64: Jackson's path reads those, with its messages. What
     * the decoded bytes hold is checked as on that path, by the same code. A block touches only its
     * own state, so the splitter decodes the blocks of a line side by side.
     */
    boolean decodeNpyFast(byte[] b, int pos, int end) {
        ByteBuffer decoded;
        try {
            decoded = Base64.getDecoder().decode(ByteBuffer.wrap(b, pos + 1, end - pos - 1));
        } catch (IllegalArgumentException e) {
            return false;
        }
        byte[] bytes = decoded.hasArray() && decoded.arrayOffset() == 0 && decoded.position() == 0
                && decoded.remaining() == decoded.array().length ? decoded.array() : toArray(decoded);
        present = true;
        fast = true;
        npy = true;
        readNpy(bytes);
        return true;
    }

    private static byte[] toArray(ByteBuffer buffer) {
        byte[] bytes = new byte[buffer.remaining()];
        buffer.get(bytes);
        return bytes;
    }

    private void readNpy(byte[] bytes) {
        NpyArray array;
        try {
            array = Npy.read(bytes, "request field '" + name + "' (.npy)");
        } catch (DataFormatException e) {
            defer(Problem.NPY, 0, null);
            problemText = e.getMessage();
            return;
        }
        int[] shape = array.shape();
        if (shape.length < 2) {
            defer(Problem.NPY, 0, "holds an array of shape " + NpyArray.shapeString(shape)
                    + ", expected (rows, ...) with at least 2 dimensions");
            return;
        }
        long rowLength = 1;
        for (int axis = 1; axis < shape.length; axis++) {
            rowLength *= shape[axis];
        }
        rows = shape[0];
        npyRowLength = (int) Math.min(rowLength, Integer.MAX_VALUE);
        int count = array.size();
        ensure(count);
        for (int i = 0; i < count; i++) {
            double v = array.getDouble(i);
            if (!Double.isFinite(v) && problem == Problem.NONE) {
                defer(Problem.NPY, 0, "row " + i / rowLength + " coordinate " + i % rowLength + " is " + v
                        + " (numbers must be finite)");
            }
            values[i] = v;
        }
        size = count;
    }

    private void defer(Problem kind, int row, String text) {
        if (problem == Problem.NONE) {
            problem = kind;
            problemRow = row;
            problemText = text;
        }
    }

    private void add(double v) {
        if (size == values.length) {
            values = Arrays.copyOf(values, 2 * size);
        }
        values[size++] = v;
    }

    private void ensure(int count) {
        if (values.length < count) {
            values = new double[Math.max(count, 2 * values.length)];
        }
    }

    private void addRow(int length) {
        if (rows == rowLengths.length) {
            rowLengths = Arrays.copyOf(rowLengths, 2 * rows);
        }
        rowLengths[rows++] = length;
    }

    private IllegalArgumentException bad(String what) {
        return new IllegalArgumentException("request field '" + name + "' " + what);
    }

    /**
     * The rows of exactly {@code n} finite numbers, as one new flat row-major array.
     *
     * @param why appended to a wrong-length message, saying where n comes from
     * @throws IllegalArgumentException naming the field, the row and the coordinate of the first problem
     */
    double[] rows(int n, String why) {
        if (!present) {
            throw bad("is missing");
        }
        if (problem == Problem.NOT_A_LIST) {
            throw bad("must be a list of rows (lists of numbers) or a base64 .npy string, got " + problemText);
        }
        if (npy) {
            if (problem == Problem.NPY) {
                throw problemText.startsWith("request field") ? new IllegalArgumentException(problemText)
                        : bad(problemText);
            }
            if (rows == 0) {
                throw bad("has no rows");
            }
            if (npyRowLength != n) {
                throw bad("has rows of " + npyRowLength + " values, expected " + n + why);
            }
            return Arrays.copyOf(values, size);
        }
        if (rows == 0) {
            throw bad("has no rows");
        }
        if ((long) rows * n > Integer.MAX_VALUE - 8) {
            throw bad("has " + rows + " rows of " + n + ", too many numbers for one request");
        }
        for (int r = 0; r < rows; r++) {
            if (problem == Problem.ROW_NOT_A_LIST && problemRow == r) {
                throw bad("row " + r + " must be a list of numbers, got " + problemText);
            }
            if (rowLengths[r] != n) {
                throw bad("row " + r + " has " + rowLengths[r] + " entries, expected " + n + why);
            }
            if (problem == Problem.BAD_COORDINATE && problemRow == r) {
                throw bad("row " + r + " " + problemText);
            }
        }
        return Arrays.copyOf(values, size);
    }
}
