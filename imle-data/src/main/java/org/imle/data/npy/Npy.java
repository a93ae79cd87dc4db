package org.imle.data.npy;

import org.imle.data.DataFormatException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.CharBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.ReadableByteChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.imle.api.io.AtomicFile;

/**
 * Reads and writes NumPy {@code .npy} files (format versions 1.0, 2.0 and 3.0 as specified in
 * NumPy's {@code numpy.lib.format}), so that data sets made with NumPy, such as the Warcraft
 * shortest-path maps of Vlastelica et al. (2020), load here and files written here load in NumPy.
 *
 * <p>Supported: the dtypes of {@link NpyDtype} (little-endian), C order; Fortran order only for
 * arrays of rank 0 or 1, where it is the same layout. Rejected with a {@link DataFormatException}
 * naming the file and the byte offset: a wrong magic string, an unknown version, a malformed
 * header, big-endian or other dtypes, Fortran order, a header length or data size larger than
 * the file (checked before anything is allocated, so a hostile header cannot exhaust memory),
 * truncated data, and bytes after the data.
 *
 * <p>The writer produces exactly the bytes {@code numpy.save} produces (NumPy 1.24 and later):
 * version 1.0, the header dict with keys in sorted order, spare spaces for growing the first
 * axis, padded with spaces and a newline so that the data starts at a multiple of 64 bytes.
 * Files are written atomically through {@link AtomicFile}.
 *
 * <p>Time and extra memory are linear in the file size; data is read in chunks of 1 MiB.
 */
public final class Npy {

    /** The six magic bytes every {@code .npy} file starts with: {@code \x93NUMPY}. */
    static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};

    /** Longest header accepted; NumPy itself refuses headers over 10 000 bytes by default. */
    public static final int MAX_HEADER_LENGTH = 1 << 20;

    private static final int ALIGN = 64;
    private static final int GROWTH_AXIS_MAX_DIGITS = 21;
    private static final int CHUNK = 1 << 20;

    private Npy() {
    }

    /** Reads a whole {@code .npy} file. */
    public static NpyArray read(Path file) throws IOException {
        DataFormatException.requireNotDirectory(file);
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            return read(ch, ch.size(), file.toString());
        }
    }

    /** Reads a {@code .npy} file held in memory; {@code name} is used in error messages. */
    public static NpyArray read(byte[] content, String name) throws DataFormatException {
        try {
            return read(Channels.newChannel(new ByteArrayInputStream(content)), content.length,
                    name);
        } catch (DataFormatException e) {
            throw e;
        } catch (IOException e) {
            throw new IllegalStateException("reading from memory cannot fail", e);
        }
    }

    /** Reads only the header of a {@code .npy} file (the shape of a large file, cheaply). */
    public static NpyHeader readHeader(Path file) throws IOException {
        DataFormatException.requireNotDirectory(file);
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            return readHeader(ch, ch.size(), file.toString());
        }
    }

    /**
     * Reads a {@code .npy} stream of known total length {@code size}: the header, then exactly the
     * data it declares, which must end the stream.
     */
    public static NpyArray read(ReadableByteChannel in, long size, String name)
            throws IOException {
        NpyHeader header = readHeader(in, size, name);
        long available = size - header.dataOffset();
        long needed = header.dataLength();
        if (available < needed) {
            throw new DataFormatException(name, size, "truncated: the header declares "
                    + header.dtype().descr() + " " + NpyArray.shapeString(header.shape()) + ", "
                    + needed + " bytes of data from byte " + header.dataOffset() + ", but the file"
                    + " ends after " + available);
        }
        if (available > needed) {
            throw new DataFormatException(name, header.dataOffset() + needed, (available - needed)
                    + " unexpected bytes after the data of " + header.dtype().descr() + " "
                    + NpyArray.shapeString(header.shape()));
        }
        return readData(in, header, name);
    }

    private static NpyHeader readHeader(ReadableByteChannel in, long size, String name)
            throws IOException {
        ByteBuffer prefix = ByteBuffer.allocate(MAGIC.length + 2).order(ByteOrder.LITTLE_ENDIAN);
        readFully(in, prefix, 0, name, "the magic string and version");
        for (int i = 0; i < MAGIC.length; i++) {
            if (prefix.get(i) != MAGIC[i]) {
                throw new DataFormatException(name, 0, "not a .npy file: it does not start with"
                        + " the magic string \\x93NUMPY");
            }
        }
        int major = prefix.get(6) & 0xFF;
        int minor = prefix.get(7) & 0xFF;
        if (major < 1 || major > 3 || minor != 0) {
            throw new DataFormatException(name, 6, "unsupported .npy format version " + major
                    + "." + minor + " (supported: 1.0, 2.0, 3.0)");
        }
        int lengthBytes = major == 1 ? 2 : 4;
        ByteBuffer lengthField = ByteBuffer.allocate(lengthBytes).order(ByteOrder.LITTLE_ENDIAN);
        readFully(in, lengthField, 8, name, "the header length");
        long headerLength = major == 1 ? lengthField.getShort(0) & 0xFFFFL
                : lengthField.getInt(0) & 0xFFFFFFFFL;
        long headerStart = 8L + lengthBytes;
        if (headerLength > MAX_HEADER_LENGTH || headerLength > size - headerStart) {
            throw new DataFormatException(name, 8, (headerLength > MAX_HEADER_LENGTH
                    ? "the header length field says " + headerLength + " bytes, but the limit is "
                    + MAX_HEADER_LENGTH
                    : "truncated or bad header length: the header length field says "
                    + headerLength + " bytes, but the file has only "
                    + Math.max(0, size - headerStart) + " bytes after it"));
        }
        ByteBuffer headerBytes = ByteBuffer.allocate((int) headerLength);
        readFully(in, headerBytes, headerStart, name, "the header");
        headerBytes.flip();
        String text;
        try {
            text = (major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1).newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(headerBytes).toString();
        } catch (CharacterCodingException e) {
            throw new DataFormatException(name, headerStart, "the header is not valid UTF-8", e);
        }
        NpyHeaderParser parser = new NpyHeaderParser(text, name, headerStart);
        parser.parse();
        NpyDtype dtype = NpyDtype.ofDescr(parser.descr());
        if (dtype == null) {
            String d = parser.descr();
            throw new DataFormatException(name, headerStart, (d.startsWith(">")
                    ? "big-endian dtype '" + d + "' is not supported (convert with"
                    + " arr.astype(arr.dtype.newbyteorder('<')))"
                    : "unsupported dtype '" + d + "'") + "; supported: '|b1', '|u1', '<i4',"
                    + " '<i8', '<f2', '<f4', '<f8'");
        }
        int[] shape = parser.shape();
        if (parser.fortranOrder() && shape.length > 1) {
            throw new DataFormatException(name, headerStart, "fortran_order True (column-major"
                    + " data) is not supported; save with np.ascontiguousarray(arr)");
        }
        long count = 1;
        for (int d : shape) {
            count *= d;
            if (count > NpyArray.MAX_ELEMENTS) {
                throw new DataFormatException(name, headerStart, "the shape "
                        + NpyArray.shapeString(shape) + " has more elements than a Java array"
                        + " holds (" + NpyArray.MAX_ELEMENTS + ")");
            }
        }
        return new NpyHeader(major, minor, dtype, shape, headerStart + headerLength);
    }

    private static NpyArray readData(ReadableByteChannel in, NpyHeader header, String name)
            throws IOException {
        int n = (int) header.elementCount();
        int[] shape = header.shape();
        NpyDtype dtype = header.dtype();
        int item = dtype.itemSize();
        Object data = switch (dtype) {
            case BOOL, UINT8 -> new byte[n];
            case INT32 -> new int[n];
            case INT64 -> new long[n];
            case FLOAT16 -> new short[n];
            case FLOAT32 -> new float[n];
            case FLOAT64 -> new double[n];
        };
        ByteBuffer buf = ByteBuffer.allocate((int) Math.min(CHUNK, (long) n * item))
                .order(ByteOrder.LITTLE_ENDIAN);
        int done = 0;
        long offset = header.dataOffset();
        while (done < n) {
            int m = Math.min(n - done, CHUNK / item);
            buf.clear().limit(m * item);
            readFully(in, buf, offset, name, "the data");
            buf.flip();
            switch (dtype) {
                case BOOL, UINT8 -> buf.get((byte[]) data, done, m);
                case INT32 -> buf.asIntBuffer().get((int[]) data, done, m);
                case INT64 -> buf.asLongBuffer().get((long[]) data, done, m);
                case FLOAT16 -> buf.asShortBuffer().get((short[]) data, done, m);
                case FLOAT32 -> buf.asFloatBuffer().get((float[]) data, done, m);
                case FLOAT64 -> buf.asDoubleBuffer().get((double[]) data, done, m);
            }
            done += m;
            offset += (long) m * item;
        }
        switch (dtype) {
            case BOOL: {
                byte[] b = (byte[]) data;
                for (int i = 0; i < n; i++) {
                    if (b[i] != 0 && b[i] != 1) {
                        throw new DataFormatException(name, header.dataOffset() + i, "bool element "
                                + i + " is " + (b[i] & 0xFF) + ", not 0 or 1");
                    }
                }
                return NpyArray.ofBool(b, shape);
            }
            case UINT8:
                return NpyArray.ofUint8((byte[]) data, shape);
            case INT32:
                return NpyArray.ofInt32((int[]) data, shape);
            case INT64:
                return NpyArray.ofInt64((long[]) data, shape);
            case FLOAT16:
                return NpyArray.ofFloat16Bits((short[]) data, shape);
            case FLOAT32:
                return NpyArray.ofFloat32((float[]) data, shape);
            default:
                return NpyArray.ofFloat64((double[]) data, shape);
        }
    }

    private static void readFully(ReadableByteChannel in, ByteBuffer buf, long offset,
            String name, String what) throws IOException {
        int wanted = buf.remaining();
        while (buf.hasRemaining()) {
            if (in.read(buf) < 0) {
                int got = wanted - buf.remaining();
                throw new DataFormatException(name, offset + got, "truncated: the file ends while"
                        + " reading " + what + " (" + got + " of " + wanted + " bytes from byte "
                        + offset + ")");
            }
        }
    }

    /** Writes {@code array} to {@code file} atomically, in NumPy's format version 1.0. */
    public static void write(Path file, NpyArray array) throws IOException {
        AtomicFile.write(file, out -> write(out, array));
    }

    /** The bytes of {@code array} as a {@code .npy} file. */
    public static byte[] toBytes(NpyArray array) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            write(out, array);
        } catch (IOException e) {
            throw new IllegalStateException("writing to memory cannot fail", e);
        }
        return out.toByteArray();
    }

    /** Writes {@code array} as a {@code .npy} file to a stream (not closed). */
    public static void write(OutputStream out, NpyArray array) throws IOException {
        out.write(header(array.dtype(), array.shape()));
        int n = array.size();
        NpyDtype dtype = array.dtype();
        int item = dtype.itemSize();
        if (dtype == NpyDtype.UINT8 || dtype == NpyDtype.BOOL) {
            out.write(array.bytes(), 0, n);
            return;
        }
        ByteBuffer buf = ByteBuffer.allocate((int) Math.min(CHUNK, (long) n * item))
                .order(ByteOrder.LITTLE_ENDIAN);
        for (int done = 0; done < n; ) {
            int m = Math.min(n - done, CHUNK / item);
            buf.clear();
            switch (dtype) {
                case INT32 -> buf.asIntBuffer().put(array.ints(), done, m);
                case INT64 -> buf.asLongBuffer().put(array.longs(), done, m);
                case FLOAT16 -> buf.asShortBuffer().put(array.float16Bits(), done, m);
                case FLOAT32 -> buf.asFloatBuffer().put(array.floats(), done, m);
                default -> buf.asDoubleBuffer().put(array.doubles(), done, m);
            }
            out.write(buf.array(), 0, m * item);
            done += m;
        }
    }

    /**
     * The header bytes NumPy writes for this dtype and shape: version 1.0 (2.0 only if the header
     * exceeded 65535 bytes), keys sorted, room for the first axis to grow to 21 digits, spaces
     * and a newline up to a multiple of 64 bytes. Public for writers that lay the data out
     * themselves after it (the gradient service writes float64 straight into base64 text).
     */
    public static byte[] header(NpyDtype dtype, int... shape) {
        StringBuilder dict = new StringBuilder("{'descr': '").append(dtype.descr())
                .append("', 'fortran_order': False, 'shape': ")
                .append(NpyArray.shapeString(shape)).append(", }");
        if (shape.length > 0) {
            dict.append(" ".repeat(GROWTH_AXIS_MAX_DIGITS - Integer.toString(shape[0]).length()));
        }
        int major = 1;
        int prefix = MAGIC.length + 2 + 2;
        int hlen = dict.length() + 1;
        int pad = ALIGN - (prefix + hlen) % ALIGN;
        if (hlen + pad > 0xFFFF) {
            major = 2;
            prefix += 2;
            pad = ALIGN - (prefix + hlen) % ALIGN;
        }
        dict.append(" ".repeat(pad)).append('\n');
        byte[] text = StandardCharsets.ISO_8859_1.encode(CharBuffer.wrap(dict)).array();
        ByteBuffer b = ByteBuffer.allocate(prefix + dict.length()).order(ByteOrder.LITTLE_ENDIAN);
        b.put(MAGIC).put((byte) major).put((byte) 0);
        if (major == 1) {
            b.putShort((short) dict.length());
        } else {
            b.putInt(dict.length());
        }
        b.put(text, 0, dict.length());
        return b.array();
    }
}
