package org.imle.examples.gradient;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.imle.data.npy.Npy;
import org.imle.data.npy.NpyArray;

/**
 * Builds one response line in a reused byte buffer: JSON punctuation, numbers written by
 * {@link ShortestDouble} (integral values as integers, without a fraction), and arrays either as
 * JSON rows or as a base64 {@code .npy} string. Writing a number allocates nothing.
 */
final class ResponseWriter {

    /** Integral values below this are written as integers; larger ones by {@link ShortestDouble}. */
    private static final double INTEGER_LIMIT = 1e15;

    private byte[] buf = new byte[1 << 12];
    private int size;

    void reset() {
        size = 0;
    }

    int size() {
        return size;
    }

    void writeTo(OutputStream out) throws IOException {
        out.write(buf, 0, size);
    }

    /** The line as text, for tests. */
    String text() {
        return new String(buf, 0, size, StandardCharsets.UTF_8);
    }

    private void ensure(int more) {
        if (size + more > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(2 * buf.length, size + more));
        }
    }

    ResponseWriter ascii(char c) {
        ensure(1);
        buf[size++] = (byte) c;
        return this;
    }

    /** Appends text that is already JSON (a field name with its quotes, an echoed value). */
    ResponseWriter raw(String json) {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        ensure(bytes.length);
        System.arraycopy(bytes, 0, buf, size, bytes.length);
        size += bytes.length;
        return this;
    }

    /**
     * One number: integral values without a fraction, -0 as 0, others in the shortest form that
     * reads back as the same double.
     *
     * @throws IllegalStateException for NaN or an infinity, naming what, row and coordinate
     */
    void number(double v, String what, int row, int i) {
        if (!Double.isFinite(v)) {
            throw new IllegalStateException(what + " row " + row + " coordinate " + i + " is " + v
                    + ", which JSON cannot carry");
        }
        ensure(ShortestDouble.MAX_LENGTH);
        if (v == Math.rint(v) && Math.abs(v) < INTEGER_LIMIT) {
            size = integer((long) v, buf, size);
        } else {
            size = ShortestDouble.write(v, buf, size);
        }
    }

    private static int integer(long v, byte[] out, int pos) {
        if (v < 0) {
            out[pos++] = '-';
            v = -v;
        }
        if (v < 10) {
            out[pos++] = (byte) ('0' + v);
            return pos;
        }
        int n = ShortestDouble.length(v);
        for (int j = pos + n - 1; j >= pos; j--) {
            out[j] = (byte) ('0' + v % 10);
            v /= 10;
        }
        return pos + n;
    }

    /** {@code values} as a JSON list of rows of n. */
    void rows(double[] values, int n, String what) {
        ascii('[');
        int rows = values.length / n;
        for (int r = 0; r < rows; r++) {
            ensure(2);
            if (r > 0) {
                buf[size++] = ',';
            }
            buf[size++] = '[';
            int base = r * n;
            for (int i = 0; i < n; i++) {
                if (i > 0) {
                    ensure(1);
                    buf[size++] = ',';
                }
                number(values[base + i], what, r, i);
            }
            ascii(']');
        }
        ascii(']');
    }

    /** {@code values} as a JSON list of numbers. */
    void list(double[] values, String what) {
        ascii('[');
        for (int r = 0; r < values.length; r++) {
            if (r > 0) {
                ascii(',');
            }
            number(values[r], what, r, 0);
        }
        ascii(']');
    }

    /** {@code values} as a quoted base64 string of a float64 {@code .npy} file of this shape. */
    void npy(double[] values, String what, int... shape) {
        for (int i = 0; i < values.length; i++) {
            if (!Double.isFinite(values[i])) {
                int n = shape.length > 1 ? shape[1] : 1;
                throw new IllegalStateException(what + " row " + i / n + " coordinate " + i % n + " is "
                        + values[i] + ", which a response cannot carry");
            }
        }
        byte[] file = Npy.toBytes(NpyArray.ofFloat64(values, shape));
        ensure(Base64Text.length(file.length) + 2);
        buf[size++] = '"';
        size = Base64Text.encode(file, 0, file.length, buf, size);
        buf[size++] = '"';
    }
}
