package org.imle.data.npy;

import java.util.Arrays;

/**
 * An n-dimensional array as stored in a NumPy {@code .npy} file: a shape and the elements in C
 * (row-major) order in one primitive Java array whose type follows the {@link NpyDtype}.
 *
 * <p>The data array is shared, not copied, in both directions: data sets of hundreds of megabytes
 * go through here, and a copy would double the memory. The shape is copied. Typed accessors
 * ({@link #floats()} and so on) return the backing array and throw when the dtype differs; the
 * {@code to...Array} methods convert any dtype into a new array.
 */
public final class NpyArray {

    /** Java arrays hold at most about this many elements. */
    public static final int MAX_ELEMENTS = Integer.MAX_VALUE - 8;

    private final NpyDtype dtype;
    private final int[] shape;
    private final Object data;
    private final int size;

    private NpyArray(NpyDtype dtype, int[] shape, Object data, int length) {
        this.dtype = dtype;
        this.shape = shape.clone();
        long n = elementCount(this.shape);
        if (n != length) {
            throw new IllegalArgumentException("shape " + shapeString(this.shape) + " holds " + n
                    + " elements but the data array has " + length);
        }
        this.data = data;
        this.size = length;
    }

    /** A {@code '|u1'} array over {@code data}. */
    public static NpyArray ofUint8(byte[] data, int... shape) {
        return new NpyArray(NpyDtype.UINT8, shape, data, data.length);
    }

    /** A {@code '|b1'} array over {@code data}, whose entries must be 0 or 1. */
    public static NpyArray ofBool(byte[] data, int... shape) {
        for (int i = 0; i < data.length; i++) {
            if (data[i] != 0 && data[i] != 1) {
                throw new IllegalArgumentException("bool data index " + i + " is " + data[i]);
            }
        }
        return new NpyArray(NpyDtype.BOOL, shape, data, data.length);
    }

    /** An {@code '<i4'} array over {@code data}. */
    public static NpyArray ofInt32(int[] data, int... shape) {
        return new NpyArray(NpyDtype.INT32, shape, data, data.length);
    }

    /** An {@code '<i8'} array over {@code data}. */
    public static NpyArray ofInt64(long[] data, int... shape) {
        return new NpyArray(NpyDtype.INT64, shape, data, data.length);
    }

    /** An {@code '<f2'} array over the raw half-precision bits in {@code data}. */
    public static NpyArray ofFloat16Bits(short[] data, int... shape) {
        return new NpyArray(NpyDtype.FLOAT16, shape, data, data.length);
    }

    /** An {@code '<f2'} array holding {@code values} rounded to half precision (new array). */
    public static NpyArray ofFloat16(float[] values, int... shape) {
        short[] bits = new short[values.length];
        for (int i = 0; i < bits.length; i++) {
            bits[i] = HalfFloat.fromFloat(values[i]);
        }
        return ofFloat16Bits(bits, shape);
    }

    /** An {@code '<f4'} array over {@code data}. */
    public static NpyArray ofFloat32(float[] data, int... shape) {
        return new NpyArray(NpyDtype.FLOAT32, shape, data, data.length);
    }

    /** An {@code '<f8'} array over {@code data}. */
    public static NpyArray ofFloat64(double[] data, int... shape) {
        return new NpyArray(NpyDtype.FLOAT64, shape, data, data.length);
    }

    /** The element type. */
    public NpyDtype dtype() {
        return dtype;
    }

    /** A copy of the shape; empty for a 0-dimensional (scalar) array. */
    public int[] shape() {
        return shape.clone();
    }

    /** The number of dimensions. */
    public int rank() {
        return shape.length;
    }

    /** The extent of one axis. */
    public int dimension(int axis) {
        return shape[axis];
    }

    /** The number of elements (the product of the shape). */
    public int size() {
        return size;
    }

    /** The backing array of a {@link NpyDtype#UINT8} or {@link NpyDtype#BOOL} array. */
    public byte[] bytes() {
        require(dtype == NpyDtype.UINT8 || dtype == NpyDtype.BOOL, "byte[]");
        return (byte[]) data;
    }

    /** The backing raw half-precision bits of a {@link NpyDtype#FLOAT16} array. */
    public short[] float16Bits() {
        require(dtype == NpyDtype.FLOAT16, "short[]");
        return (short[]) data;
    }

    /** The backing array of an {@link NpyDtype#INT32} array. */
    public int[] ints() {
        require(dtype == NpyDtype.INT32, "int[]");
        return (int[]) data;
    }

    /** The backing array of an {@link NpyDtype#INT64} array. */
    public long[] longs() {
        require(dtype == NpyDtype.INT64, "long[]");
        return (long[]) data;
    }

    /** The backing array of a {@link NpyDtype#FLOAT32} array. */
    public float[] floats() {
        require(dtype == NpyDtype.FLOAT32, "float[]");
        return (float[]) data;
    }

    /** The backing array of a {@link NpyDtype#FLOAT64} array. */
    public double[] doubles() {
        require(dtype == NpyDtype.FLOAT64, "double[]");
        return (double[]) data;
    }

    /** Element {@code index} (flat, C order) as a double; uint8 is read unsigned. */
    public double getDouble(int index) {
        switch (dtype) {
            case BOOL:
                return ((byte[]) data)[index];
            case UINT8:
                return ((byte[]) data)[index] & 0xFF;
            case INT32:
                return ((int[]) data)[index];
            case INT64:
                return ((long[]) data)[index];
            case FLOAT16:
                return HalfFloat.toFloat(((short[]) data)[index]);
            case FLOAT32:
                return ((float[]) data)[index];
            default:
                return ((double[]) data)[index];
        }
    }

    /** All elements converted to float, in a new array (int64 and float64 may round). */
    public float[] toFloatArray() {
        float[] out = new float[size];
        if (dtype == NpyDtype.FLOAT32) {
            System.arraycopy(data, 0, out, 0, size);
            return out;
        }
        for (int i = 0; i < size; i++) {
            out[i] = (float) getDouble(i);
        }
        return out;
    }

    /** All elements converted to double, in a new array (int64 beyond 2^53 may round). */
    public double[] toDoubleArray() {
        double[] out = new double[size];
        for (int i = 0; i < size; i++) {
            out[i] = getDouble(i);
        }
        return out;
    }

    /** The shape as NumPy prints it, e.g. {@code (2, 3)}, {@code (5,)} or {@code ()}. */
    public static String shapeString(int[] shape) {
        StringBuilder b = new StringBuilder("(");
        for (int i = 0; i < shape.length; i++) {
            if (i > 0) {
                b.append(", ");
            }
            b.append(shape[i]);
        }
        if (shape.length == 1) {
            b.append(',');
        }
        return b.append(')').toString();
    }

    /** The product of a shape; throws if an extent is negative or the product is too large. */
    static long elementCount(int[] shape) {
        long n = 1;
        for (int i = 0; i < shape.length; i++) {
            if (shape[i] < 0) {
                throw new IllegalArgumentException("shape " + shapeString(shape) + " axis " + i
                        + " is negative");
            }
            n *= shape[i];
            if (n > MAX_ELEMENTS) {
                throw new IllegalArgumentException("shape " + shapeString(shape)
                        + " has more elements than a Java array holds");
            }
        }
        return n;
    }

    private void require(boolean ok, String type) {
        if (!ok) {
            throw new IllegalStateException("a " + dtype + " array is not held in a " + type);
        }
    }

    @Override
    public String toString() {
        return "NpyArray[" + dtype.descr() + " " + shapeString(shape) + "]";
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof NpyArray)) {
            return false;
        }
        NpyArray a = (NpyArray) o;
        return dtype == a.dtype && Arrays.equals(shape, a.shape)
                && Arrays.deepEquals(new Object[] {data}, new Object[] {a.data});
    }

    @Override
    public int hashCode() {
        return 31 * (31 * dtype.hashCode() + Arrays.hashCode(shape))
                + Arrays.deepHashCode(new Object[] {data});
    }
}
