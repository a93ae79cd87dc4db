package org.imle.djl;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;

/**
 * One direct buffer, reused step after step, through which float arrays go from Java to libtorch
 * and back. {@code NDManager.create(float[])} allocates a fresh direct buffer every call, freed only
 * when Java's collector gets round to it; over hundreds of training steps that grew the process's
 * native memory by gigabytes (docs/BENCHMARKS.md). This buffer grows to the largest array it has
 * carried and never shrinks.
 *
 * <p>An array made by {@link #toArray} may share this buffer's memory (libtorch's {@code from_blob}):
 * it must be closed, or no longer read, before the buffer carries the next array. Callers keep
 * one staging buffer per array that lives at the same time. Not thread-safe.
 */
public final class StagingBuffer {

    private ByteBuffer bytes = ByteBuffer.allocateDirect(0).order(ByteOrder.nativeOrder());

    /**
     * A float32 array of {@code shape} in {@code manager} holding {@code data[0 .. shape.size())}.
     *
     * @throws IllegalArgumentException if {@code data} is shorter than the shape's size
     */
    public NDArray toArray(NDManager manager, float[] data, Shape shape) {
        int size = Math.toIntExact(shape.size());
        if (data.length < size) {
            throw new IllegalArgumentException("staging: " + data.length + " floats do not fill shape " + shape);
        }
        FloatBuffer floats = reserve(size);
        floats.put(data, 0, size);
        bytes.position(0).limit(size * Float.BYTES);
        return manager.create(bytes, shape, DataType.FLOAT32);
    }

    /**
     * The buffer as {@code size} floats (absolute index 0 to size - 1), for a caller that writes an
     * array's values straight into it (instead of into a {@code float[]} copied here afterwards);
     * {@link #toArray(NDManager, Shape)} then makes the array. Earlier contents are not kept.
     */
    public FloatBuffer floats(int size) {
        if (size < 0) {
            throw new IllegalArgumentException("staging: " + size + " floats");
        }
        return reserve(size);
    }

    /**
     * A float32 array of {@code shape} in {@code manager} holding the first {@code shape.size()}
     * floats written through {@link #floats(int)}; it shares this buffer's memory, as
     * {@link #toArray(NDManager, float[], Shape)}.
     *
     * @throws IllegalArgumentException if the shape holds more floats than the buffer
     */
    public NDArray toArray(NDManager manager, Shape shape) {
        long size = shape.size() * Float.BYTES;
        if (size > bytes.capacity()) {
            throw new IllegalArgumentException("staging: shape " + shape + " does not fit " + bytes.capacity() / Float.BYTES
                    + " staged floats");
        }
        bytes.position(0).limit((int) size);
        return manager.create(bytes, shape, DataType.FLOAT32);
    }

    /**
     * An array of {@code shape} and {@code type} (float32, narrowed on the way, or float64) in
     * {@code manager} holding {@code data[0 .. shape.size())}.
     *
     * @throws IllegalArgumentException if {@code data} is shorter than the shape's size, or for
     *     another type
     */
    public NDArray toArray(NDManager manager, double[] data, Shape shape, DataType type) {
        int size = Math.toIntExact(shape.size());
        if (data.length < size) {
            throw new IllegalArgumentException("staging: " + data.length + " doubles do not fill shape " + shape);
        }
        if (type == DataType.FLOAT64) {
            bytes = reserveBytes(size * Double.BYTES);
            bytes.asDoubleBuffer().put(data, 0, size);
            bytes.position(0).limit(size * Double.BYTES);
            return manager.create(bytes, shape, DataType.FLOAT64);
        }
        requireFloat(type);
        FloatBuffer floats = reserve(size);
        for (int i = 0; i < size; i++) {
            floats.put(i, (float) data[i]);
        }
        bytes.position(0).limit(size * Float.BYTES);
        return manager.create(bytes, shape, DataType.FLOAT32);
    }

    /**
     * As {@link #toArray(NDManager, double[], Shape, DataType)}, but the array owns its memory
     * (libtorch's copy of the staged values), so the buffer may carry the next array at once.
     * Arrays that autograd reads in a later backward call, or that a caller may keep past the next
     * step, are made this way: nothing libtorch reads then depends on Java memory.
     *
     * @throws IllegalArgumentException as {@link #toArray(NDManager, double[], Shape, DataType)}
     */
    public NDArray copyToArray(NDManager manager, double[] data, Shape shape, DataType type) {
        try (NDArray staged = toArray(manager, data, shape, type)) {
            return staged.duplicate();
        }
    }

    /**
     * Reads a float32 array into {@code out} (as doubles), through a view of libtorch's memory
     * when the array allows it, so that nothing is allocated.
     *
     * @throws IllegalArgumentException if the array is not float32 or {@code out} is too short
     */
    public static void read(NDArray array, double[] out) {
        if (array.getDataType() == DataType.FLOAT64) {
            fits(array, out.length);
            array.toByteBuffer(true).order(ByteOrder.nativeOrder()).asDoubleBuffer()
                    .get(out, 0, Math.toIntExact(array.size()));
            return;
        }
        FloatBuffer floats = floats(array, out.length);
        int size = floats.remaining();
        for (int i = 0; i < size; i++) {
            out[i] = floats.get(i);
        }
    }

    /** As {@link #read(NDArray, double[])}, into floats. */
    public static void read(NDArray array, float[] out) {
        floats(array, out.length).get(out, 0, Math.toIntExact(array.size()));
    }

    private static FloatBuffer floats(NDArray array, int capacity) {
        requireFloat(array.getDataType());
        fits(array, capacity);
        return array.toByteBuffer(true).order(ByteOrder.nativeOrder()).asFloatBuffer();
    }

    private static void requireFloat(DataType type) {
        if (type != DataType.FLOAT32) {
            throw new IllegalArgumentException("staging: arrays of type " + type + ", need float32 or float64");
        }
    }

    private static void fits(NDArray array, int capacity) {
        if (array.size() > capacity) {
            throw new IllegalArgumentException("staging: array of shape " + array.getShape() + " does not fit "
                    + capacity + " values");
        }
    }

    private FloatBuffer reserve(int floats) {
        return reserveBytes(floats * Float.BYTES).asFloatBuffer();
    }

    private ByteBuffer reserveBytes(int size) {
        if (bytes.capacity() < size) {
            bytes = ByteBuffer.allocateDirect(size).order(ByteOrder.nativeOrder());
        }
        bytes.clear();
        return bytes;
    }
}
