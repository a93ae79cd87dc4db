package org.imle.train.ops;

/**
 * ReLU's forward select and backward mask in integer arithmetic on the float's bits, for loops
 * that HotSpot does not vectorise (batch norm's, which sum in double): there a float select
 * compiles to a branch (x86 has no conditional move between vector registers), and with random
 * signs it mispredicts half the time. The results are those of the selects, bit for bit, for
 * every float including NaN, the zeros and the infinities.
 */
final class ReluBits {

    private static final long POSITIVE_INFINITY_BITS = 0x7F800000L;

    private ReluBits() {
    }

    /** {@code y > 0f ? y : 0f}. */
    static float relu(float y) {
        int bits = Float.floatToRawIntBits(y);
        // y > 0 exactly when bits - 1, read unsigned, is below the bits of +infinity
        long belowInfinity = ((bits - 1) & 0xFFFFFFFFL) - POSITIVE_INFINITY_BITS;
        return Float.intBitsToFloat(bits & (int) (belowInfinity >> 63));
    }

    /**
     * {@code 0f + (out > 0f ? g : 0f)} for an {@code out} that {@link #relu} returned (never
     * negative, never NaN): the gradient a separate ReLU adds into a fresh buffer.
     */
    static float grad(float out, float g) {
        int keep = -Float.floatToRawIntBits(out) >> 31;
        return 0f + Float.intBitsToFloat(Float.floatToRawIntBits(g) & keep);
    }
}
