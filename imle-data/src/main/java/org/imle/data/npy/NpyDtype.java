package org.imle.data.npy;

/**
 * The NumPy element types that {@link Npy} reads and writes, all little-endian (or
 * byte-order-free for one-byte types), with the Java array each is held in by {@link NpyArray}.
 */
public enum NpyDtype {
    /** {@code '|b1'}: NumPy bool, one byte 0 or 1, held in a {@code byte[]}. */
    BOOL("|b1", 1),
    /** {@code '|u1'}: unsigned 8-bit integer, held in a {@code byte[]} (read with {@code & 0xFF}). */
    UINT8("|u1", 1),
    /** {@code '<i4'}: signed 32-bit integer, held in an {@code int[]}. */
    INT32("<i4", 4),
    /** {@code '<i8'}: signed 64-bit integer, held in a {@code long[]}. */
    INT64("<i8", 8),
    /** {@code '<f2'}: IEEE half precision, held as raw bits in a {@code short[]}. */
    FLOAT16("<f2", 2),
    /** {@code '<f4'}: IEEE single precision, held in a {@code float[]}. */
    FLOAT32("<f4", 4),
    /** {@code '<f8'}: IEEE double precision, held in a {@code double[]}. */
    FLOAT64("<f8", 8);

    private final String descr;
    private final int itemSize;

    NpyDtype(String descr, int itemSize) {
        this.descr = descr;
        this.itemSize = itemSize;
    }

    /** The dtype string NumPy writes in the header's {@code 'descr'} entry, e.g. {@code '<f4'}. */
    public String descr() {
        return descr;
    }

    /** Bytes per element. */
    public int itemSize() {
        return itemSize;
    }

    /**
     * The dtype of a header's {@code 'descr'} string, or {@code null} if it is not one of these.
     * One-byte types are accepted with the byte-order mark {@code '|'} (what NumPy writes) or
     * {@code '<'}; wider types only little-endian.
     */
    static NpyDtype ofDescr(String descr) {
        for (NpyDtype t : values()) {
            if (t.descr.equals(descr)) {
                return t;
            }
            if (t.itemSize == 1 && descr.length() == 3 && descr.charAt(0) == '<'
                    && descr.regionMatches(1, t.descr, 1, 2)) {
                return t;
            }
        }
        return null;
    }
}
