package org.imle.data.idx;

import org.imle.data.DataFormatException;
import org.imle.data.npy.NpyArray;
import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Reads the IDX files of MNIST and Fashion-MNIST (LeCun et al.; Xiao, Rasul, Vollgraf 2017), plain
 * or gzip-compressed (told apart by the gzip magic bytes {@code 1f 8b}, not by the file name).
 *
 * <p>Format: a big-endian magic number {@code 00 00 type rank} (type {@code 08} = unsigned byte),
 * then {@code rank} big-endian 32-bit extents, then the data. Images have magic
 * {@code 0x00000803} (count, rows, columns), labels {@code 0x00000801} (count).
 *
 * <p>Every problem is a {@link DataFormatException} naming the file and the byte offset (offsets
 * count uncompressed bytes): a wrong magic number, an extent that is negative or too large, data
 * shorter or longer than the extents declare, a corrupt gzip stream. Declared sizes are checked
 * against the file size before memory is allocated: exactly for plain files, and for gzip files
 * against the most that deflate can expand them (1032:1), so a damaged header cannot exhaust
 * memory. Time is linear in the (uncompressed) size.
 */
public final class Idx {

    /** Magic number of an image file: unsigned bytes, rank 3. */
    public static final int IMAGES_MAGIC = 0x00000803;
    /** Magic number of a label file: unsigned bytes, rank 1. */
    public static final int LABELS_MAGIC = 0x00000801;

    /** Deflate expands at most about 1032:1; this bound also covers gzip headers. */
    private static final long MAX_GZIP_RATIO = 1100;

    private Idx() {
    }

    /** Reads an image file (magic {@code 0x00000803}). */
    public static IdxImages readImages(Path file) throws IOException {
        DataFormatException.requireNotDirectory(file);
        try (InputStream in = Files.newInputStream(file)) {
            return readImages(in, Files.size(file), file.toString());
        }
    }

    /** Reads an image file held in memory; {@code name} is used in error messages. */
    public static IdxImages readImages(byte[] content, String name) throws DataFormatException {
        try {
            return readImages(new ByteArrayInputStream(content), content.length, name);
        } catch (DataFormatException e) {
            throw e;
        } catch (IOException e) {
            throw new IllegalStateException("reading from memory cannot fail", e);
        }
    }

    /** Reads a label file (magic {@code 0x00000801}); labels are 0..255. */
    public static int[] readLabels(Path file) throws IOException {
        DataFormatException.requireNotDirectory(file);
        try (InputStream in = Files.newInputStream(file)) {
            return readLabels(in, Files.size(file), file.toString());
        }
    }

    /** Reads a label file held in memory; {@code name} is used in error messages. */
    public static int[] readLabels(byte[] content, String name) throws DataFormatException {
        try {
            return readLabels(new ByteArrayInputStream(content), content.length, name);
        } catch (DataFormatException e) {
            throw e;
        } catch (IOException e) {
            throw new IllegalStateException("reading from memory cannot fail", e);
        }
    }

    private static IdxImages readImages(InputStream raw, long size, String name)
            throws IOException {
        Body body = read(raw, size, name, IMAGES_MAGIC, "images");
        return new IdxImages(body.dims[0], body.dims[1], body.dims[2], body.data);
    }

    private static int[] readLabels(InputStream raw, long size, String name) throws IOException {
        byte[] data = read(raw, size, name, LABELS_MAGIC, "labels").data;
        int[] labels = new int[data.length];
        for (int i = 0; i < data.length; i++) {
            labels[i] = data[i] & 0xFF;
        }
        return labels;
    }

    private record Body(int[] dims, byte[] data) {
    }

    private static Body read(InputStream raw, long size, String name, int magic, String what)
            throws IOException {
        BufferedInputStream buffered = new BufferedInputStream(raw, 1 << 16);
        buffered.mark(2);
        int b0 = buffered.read();
        int b1 = buffered.read();
        buffered.reset();
        boolean gzip = b0 == 0x1F && b1 == 0x8B;
        InputStream in;
        if (gzip) {
            try {
                in = new GZIPInputStream(buffered, 1 << 16);
            } catch (ZipException | EOFException e) {
                throw corrupt(name, 0, e);
            }
        } else {
            in = buffered;
        }
        int rank = magic & 0xFF;
        byte[] header = new byte[4 + 4 * rank];
        int got = readFully(in, header, 0, header.length, name, gzip, 0);
        if (got < 4) {
            throw new DataFormatException(name, got, "truncated: the file ends inside the"
                    + " magic number");
        }
        int found = readInt(header, 0);
        if (found != magic) {
            throw new DataFormatException(name, 0, String.format("wrong magic number 0x%08X,"
                    + " expected 0x%08X (IDX %s: unsigned bytes, %d dimensions)%s", found, magic,
                    what, rank, describeMagic(found)));
        }
        if (got < header.length) {
            throw new DataFormatException(name, got, "truncated: the file ends inside the"
                    + " header (" + got + " of " + header.length + " bytes)");
        }
        int[] dims = new int[rank];
        long count = 1;
        for (int i = 0; i < rank; i++) {
            dims[i] = readInt(header, 4 + 4 * i);
            if (dims[i] < 0) {
                throw new DataFormatException(name, 4 + 4 * i, "dimension " + i + " is "
                        + Integer.toUnsignedString(dims[i]) + ", too large");
            }
            count *= dims[i];
            if (count > NpyArray.MAX_ELEMENTS) {
                throw new DataFormatException(name, 4 + 4 * i, "the dimensions declare more"
                        + " than " + NpyArray.MAX_ELEMENTS + " bytes of data");
            }
        }
        long available = size - header.length;
        if (!gzip && count != available) {
            throw new DataFormatException(name, count > available ? size : header.length + count,
                    (count > available ? "truncated: " : "") + "the header declares "
                    + dimsString(dims) + " = " + count + " bytes of data, but the file has "
                    + available + " after the header");
        }
        if (gzip && count > MAX_GZIP_RATIO * size + 65536) {
            throw new DataFormatException(name, 4, "the header declares " + dimsString(dims)
                    + " = " + count + " bytes of data, more than a gzip file of " + size
                    + " bytes can hold");
        }
        byte[] data = new byte[(int) count];
        int n = readFully(in, data, 0, data.length, name, gzip, header.length);
        if (n < data.length) {
            throw new DataFormatException(name, header.length + n, "truncated: the header"
                    + " declares " + dimsString(dims) + " = " + count + " bytes of data, but the"
                    + " file ends after " + n);
        }
        if (gzip) {
            int extra;
            try {
                extra = in.read();
            } catch (ZipException | EOFException e) {
                throw corrupt(name, header.length + count, e);
            }
            if (extra >= 0) {
                throw new DataFormatException(name, header.length + count, "unexpected data"
                        + " after the " + count + " bytes the header declares");
            }
        }
        return new Body(dims, data);
    }

    private static String describeMagic(int found) {
        if (found == IMAGES_MAGIC) {
            return "; this is an image file";
        }
        if (found == LABELS_MAGIC) {
            return "; this is a label file";
        }
        return "";
    }

    private static String dimsString(int[] dims) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < dims.length; i++) {
            b.append(i == 0 ? "" : " x ").append(dims[i]);
        }
        return b.toString();
    }

    private static int readInt(byte[] b, int at) {
        return ((b[at] & 0xFF) << 24) | ((b[at + 1] & 0xFF) << 16) | ((b[at + 2] & 0xFF) << 8)
                | (b[at + 3] & 0xFF);
    }

    /** Reads until {@code len} bytes or the end; returns how many were read. */
    private static int readFully(InputStream in, byte[] buf, int off, int len, String name,
            boolean gzip, long position) throws IOException {
        int done = 0;
        while (done < len) {
            int n;
            try {
                n = in.read(buf, off + done, len - done);
            } catch (ZipException | EOFException e) {
                if (!gzip) {
                    throw e;
                }
                throw corrupt(name, position + done, e);
            }
            if (n < 0) {
                break;
            }
            done += n;
        }
        return done;
    }

    private static DataFormatException corrupt(String name, long position, IOException e) {
        return new DataFormatException(name, position, "corrupt or truncated gzip data ("
                + e.getMessage() + ")", e);
    }
}
