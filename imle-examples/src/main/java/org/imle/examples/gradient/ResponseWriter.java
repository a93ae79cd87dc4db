package org.imle.examples.gradient;

import java.io.IOException;
import java.io.OutputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.imle.api.execution.SolveExecutor;
import org.imle.data.npy.Npy;
import org.imle.data.npy.NpyDtype;

/**
 * Builds one response line in a reused byte buffer: JSON punctuation, numbers written by
 * {@link ShortestDouble} (integral values as integers, without a fraction), and arrays either as
 * JSON rows or as a base64 {@code .npy} string. Writing a number allocates nothing. A {@code .npy}
 * field is reserved where it belongs and written by {@link #finish}, so that the large fields of a
 * line are written side by side on the solver threads.
 */
final class ResponseWriter {

    /** Integral values below this are written as integers; larger ones by {@link ShortestDouble}. */
    private static final double INTEGER_LIMIT = 1e15;

    private byte[] buf = new byte[1 << 12];
    private int size;

    void reset() {
        size = 0;
        for (int j = 0; j < pending; j++) {
            fields[j].release();
        }
        pending = 0;
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

    /**
     * Reserves the place of {@code values} as a quoted base64 string of a float64 {@code .npy} file
     * of this shape; the text is written there by {@link #finish}, on the executor's threads when
     * there are several such fields (z and grad of a 70 x 144 request are 0.3 ms of text, which two
     * threads write in half the time).
     */
    void npy(double[] values, String what, int... shape) {
        byte[] header = Npy.header(NpyDtype.FLOAT64, shape);
        int bytes = header.length + 8 * values.length;
        int length = Base64Text.length(bytes) + 2;
        ensure(length);
        if (pending == fields.length) {
            fields = Arrays.copyOf(fields, 2 * fields.length);
        }
        if (fields[pending] == null) {
            fields[pending] = new NpyField();
        }
        fields[pending++].set(values, what, shape, header, size);
        size += length;
    }

    /**
     * Writes the reserved {@code .npy} fields into their places, on {@code executor} when there are
     * two or more. A field that holds NaN or an infinity throws (the first such field's message, as
     * when written one after the other), and the caller answers with an error line instead.
     *
     * @throws IllegalStateException for NaN or an infinity, naming what, row and coordinate
     */
    void finish(SolveExecutor executor) {
        int count = pending;
        pending = 0;
        byte[] out = buf;
        if (count == 1) {
            fields[0].write(out);
        } else if (count > 1) {
            NpyField[] all = fields;
            executor.run(count, j -> all[j].write(out));
        }
        for (int j = 0; j < count; j++) {
            fields[j].release();
        }
    }

    /** The reserved {@code .npy} fields not yet written. */
    private NpyField[] fields = new NpyField[2];
    private int pending;

    /**
     * One {@code .npy} field of the line: its values and where its text goes, with the bytes of the
     * file kept between requests so that writing it allocates nothing once they are large enough.
     */
    private static final class NpyField {
        private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

        private double[] values;
        private String what;
        private int[] shape;
        private byte[] header;
        private int at;
        private byte[] file = new byte[0];

        void set(double[] values, String what, int[] shape, byte[] header, int at) {
            this.values = values;
            this.what = what;
            this.shape = shape;
            this.header = header;
            this.at = at;
        }

        void write(byte[] out) {
            double[] v = values;
            for (int i = 0; i < v.length; i++) {
                if (!Double.isFinite(v[i])) {
                    int n = shape.length > 1 ? shape[1] : 1;
                    throw new IllegalStateException(what + " row " + i / n + " coordinate " + i % n + " is "
                            + v[i] + ", which a response cannot carry");
                }
            }
            int bytes = header.length + 8 * v.length;
            if (file.length < bytes) {
                file = new byte[bytes];
            }
            System.arraycopy(header, 0, file, 0, header.length);
            for (int i = 0, o = header.length; i < v.length; i++, o += 8) {
                LONG.set(file, o, Double.doubleToRawLongBits(v[i]));
            }
            out[at] = '"';
            int end = Base64Text.encode(file, 0, bytes, out, at + 1);
            out[end] = '"';
        }

        /** Drops the request's arrays, so that a stream between requests holds none of them. */
        void release() {
            values = null;
            shape = null;
            header = null;
        }
    }
}
