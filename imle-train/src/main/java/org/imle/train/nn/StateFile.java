package org.imle.train.nn;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.CRC32;
import org.imle.api.io.AtomicFile;
import org.imle.train.tensor.Shape;
import org.imle.train.tensor.Tensor;

/**
 * Named float tensors and named longs in one binary file, written atomically
 * ({@link AtomicFile}) and checked on load. Model parameters, checkpoints and optimiser state all
 * use it.
 *
 * <p>Format (all numbers big-endian, as {@link DataOutputStream} writes them):
 * <pre>
 *   8 bytes   magic "IMLESTAT"
 *   int       format version (1)
 *   int       L, the number of longs;   then L times: name (modified UTF-8, writeUTF), long value
 *   int       T, the number of tensors; then T times: name (writeUTF), int rank, rank ints (the
 *             shape), and the product of the shape float32 values (IEEE 754), row-major
 *   long      CRC-32 of every byte before it
 * </pre>
 * A truncated file, a wrong magic or version, or a checksum mismatch gives an {@link IOException}
 * naming the file and the problem.
 */
public final class StateFile {

    private static final byte[] MAGIC = "IMLESTAT".getBytes(StandardCharsets.US_ASCII);
    private static final int VERSION = 1;

    private final Map<String, Long> longs;
    private final Map<String, Tensor> tensors;

    public StateFile(Map<String, Long> longs, Map<String, Tensor> tensors) {
        this.longs = new LinkedHashMap<>(longs);
        this.tensors = new LinkedHashMap<>(tensors);
    }

    public Map<String, Long> longs() {
        return longs;
    }

    public Map<String, Tensor> tensors() {
        return tensors;
    }

    /** The state of a module: its parameters, buffers and counters. */
    public static StateFile of(Module m) {
        Map<String, Long> ls = new LinkedHashMap<>();
        m.counters().forEach((k, v) -> ls.put(k, v[0]));
        return new StateFile(ls, m.state());
    }

    /** Saves a module's parameters, buffers and counters to {@code path}. */
    public static void save(Module m, Path path) throws IOException {
        of(m).write(path);
    }

    /** Loads a file saved by {@link #save} into a module of the same architecture. */
    public static void load(Module m, Path path) throws IOException {
        StateFile f = read(path);
        try {
            m.loadState(f.tensors, f.longs);
        } catch (IllegalArgumentException e) {
            throw new IOException(path + ": " + e.getMessage(), e);
        }
    }

    /** The file's bytes. */
    public byte[] toBytes() {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            DataOutputStream out = new DataOutputStream(bytes);
            out.write(MAGIC);
            out.writeInt(VERSION);
            out.writeInt(longs.size());
            for (Map.Entry<String, Long> e : longs.entrySet()) {
                out.writeUTF(e.getKey());
                out.writeLong(e.getValue());
            }
            out.writeInt(tensors.size());
            for (Map.Entry<String, Tensor> e : tensors.entrySet()) {
                out.writeUTF(e.getKey());
                int[] s = e.getValue().shape();
                out.writeInt(s.length);
                for (int d : s) {
                    out.writeInt(d);
                }
                float[] d = e.getValue().data();
                ByteBuffer buf = ByteBuffer.allocate(d.length * 4);
                buf.asFloatBuffer().put(d);
                out.write(buf.array());
            }
            out.flush();
            CRC32 crc = new CRC32();
            crc.update(bytes.toByteArray());
            out.writeLong(crc.getValue());
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new IllegalStateException("writing to memory failed", e);
        }
    }

    /** Writes the file atomically: readers see the old file or the complete new one. */
    public void write(Path path) throws IOException {
        AtomicFile.write(path, toBytes());
    }

    /** Reads and verifies a file. */
    public static StateFile read(Path path) throws IOException {
        byte[] all = Files.readAllBytes(path);
        return parse(all, path.toString());
    }

    /** A declared number of entries; negative only in a corrupt file. */
    private static int count(int declared, String kind, String source) throws IOException {
        if (declared < 0) {
            throw new IOException(source + ": invalid " + kind + " count " + declared);
        }
        return declared;
    }

    /** Parses and verifies bytes; {@code source} names them in errors. */
    public static StateFile parse(byte[] all, String source) throws IOException {
        if (all.length < MAGIC.length + 12) {
            throw new IOException(source + ": truncated state file (" + all.length + " bytes)");
        }
        for (int i = 0; i < MAGIC.length; i++) {
            if (all[i] != MAGIC[i]) {
                throw new IOException(source + ": not an imle state file (wrong magic bytes)");
            }
        }
        CRC32 crc = new CRC32();
        crc.update(all, 0, all.length - 8);
        long stored = ByteBuffer.wrap(all, all.length - 8, 8).getLong();
        if (stored != crc.getValue()) {
            throw new IOException(source + ": checksum mismatch, the file is corrupt or truncated");
        }
        DataInputStream in = new DataInputStream(new java.io.ByteArrayInputStream(all, 0, all.length - 8));
        try {
            in.skipNBytes(MAGIC.length);
            int version = in.readInt();
            if (version != VERSION) {
                throw new IOException(source + ": unsupported state file version " + version);
            }
            int nl = count(in.readInt(), "long", source);
            Map<String, Long> ls = new LinkedHashMap<>();
            for (int i = 0; i < nl; i++) {
                ls.put(in.readUTF(), in.readLong());
            }
            int nt = count(in.readInt(), "tensor", source);
            Map<String, Tensor> ts = new LinkedHashMap<>();
            for (int i = 0; i < nt; i++) {
                String name = in.readUTF();
                int rank = in.readInt();
                if (rank < 0 || rank > 16) {
                    throw new IOException(source + ": entry " + name + " has invalid rank " + rank);
                }
                int[] shape = new int[rank];
                for (int r = 0; r < rank; r++) {
                    shape[r] = in.readInt();
                }
                int size = Shape.size(shape);
                if ((long) size * 4 > in.available()) {
                    throw new IOException(source + ": entry " + name + " of shape " + Shape.str(shape) + " is truncated");
                }
                byte[] raw = new byte[size * 4];
                in.readFully(raw);
                float[] d = new float[size];
                ByteBuffer.wrap(raw).asFloatBuffer().get(d);
                ts.put(name, Tensor.of(d, shape));
            }
            if (in.available() != 0) {
                throw new IOException(source + ": " + in.available() + " unexpected bytes after the last entry");
            }
            return new StateFile(ls, ts);
        } catch (EOFException e) {
            throw new IOException(source + ": truncated state file", e);
        } catch (java.io.UTFDataFormatException e) {
            throw new IOException(source + ": an entry name is not valid modified UTF-8 (" + e.getMessage() + ")", e);
        } catch (IllegalArgumentException e) {
            throw new IOException(source + ": " + e.getMessage(), e);
        }
    }
}
