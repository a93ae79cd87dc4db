package org.imle.data.npy;

/**
 * The parsed header of a {@code .npy} file: the format version, the element type, the shape, and
 * where the data starts. Reading only the header tells the shape of a large file without loading
 * it.
 *
 * @param majorVersion 1, 2 or 3 (the header length field is 2 bytes in 1.0, 4 bytes after)
 * @param minorVersion always 0 in the versions NumPy defines
 * @param dtype the element type
 * @param shape the shape, C order
 * @param dataOffset the byte offset of the first element
 */
public record NpyHeader(int majorVersion, int minorVersion, NpyDtype dtype, int[] shape,
        long dataOffset) {

    /** Copies the shape so that the record stays immutable. */
    public NpyHeader {
        shape = shape.clone();
    }

    /** A copy of the shape. */
    @Override
    public int[] shape() {
        return shape.clone();
    }

    /** The number of elements. */
    public long elementCount() {
        return NpyArray.elementCount(shape);
    }

    /** The number of data bytes the header declares. */
    public long dataLength() {
        return elementCount() * dtype.itemSize();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NpyHeader h && majorVersion == h.majorVersion
                && minorVersion == h.minorVersion && dtype == h.dtype
                && java.util.Arrays.equals(shape, h.shape) && dataOffset == h.dataOffset;
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(majorVersion, minorVersion, dtype,
                java.util.Arrays.hashCode(shape), dataOffset);
    }

    @Override
    public String toString() {
        return "NpyHeader[" + majorVersion + "." + minorVersion + " " + dtype.descr() + " "
                + NpyArray.shapeString(shape) + " data at " + dataOffset + "]";
    }
}
