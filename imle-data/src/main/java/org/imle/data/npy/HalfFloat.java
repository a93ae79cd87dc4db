package org.imle.data.npy;

/**
 * Conversions between IEEE 754 half precision (binary16, NumPy's {@code float16}) and float.
 * Java 17 has no such conversion in the JDK. Float to half rounds to nearest, ties to even, as
 * NumPy does; overflow gives an infinity, NaN stays NaN.
 */
final class HalfFloat {

    private HalfFloat() {
    }

    /** The float value of the half whose bits are {@code h}; exact. */
    static float toFloat(short h) {
        int bits = h & 0xFFFF;
        int sign = (bits & 0x8000) << 16;
        int exp = (bits >>> 10) & 0x1F;
        int mant = bits & 0x3FF;
        if (exp == 0x1F) {
            return Float.intBitsToFloat(sign | 0x7F800000 | (mant << 13));
        }
        if (exp == 0) {
            // subnormal half: mant * 2^-24 is exact in float
            float v = mant * 0x1p-24f;
            return sign != 0 ? -v : v;
        }
        return Float.intBitsToFloat(sign | ((exp + 112) << 23) | (mant << 13));
    }

    /** The half nearest to {@code f} (ties to even), as raw bits. */
    static short fromFloat(float f) {
        int bits = Float.floatToRawIntBits(f);
        int sign = (bits >>> 16) & 0x8000;
        int exp = (bits >>> 23) & 0xFF;
        int mant = bits & 0x7FFFFF;
        if (exp == 0xFF) {
            return (short) (sign | 0x7C00 | (mant != 0 ? 0x200 | (mant >>> 13) : 0));
        }
        int e = exp - 112; // half exponent field
        if (e >= 0x1F) {
            return (short) (sign | 0x7C00);
        }
        if (e <= 0) {
            if (e < -10) {
                return (short) sign; // below half the smallest subnormal: rounds to zero
            }
            int m = mant | 0x800000;
            int shift = 14 - e;
            int half = m >>> shift;
            int rem = m & ((1 << shift) - 1);
            int halfway = 1 << (shift - 1);
            if (rem > halfway || (rem == halfway && (half & 1) != 0)) {
                half++; // a carry into the exponent field is the correct rounding to 2^-14
            }
            return (short) (sign | half);
        }
        int result = sign | (e << 10) | (mant >>> 13);
        int rem = mant & 0x1FFF;
        if (rem > 0x1000 || (rem == 0x1000 && (result & 1) != 0)) {
            result++; // a carry may reach the infinity pattern, which is the correct overflow
        }
        return (short) result;
    }
}
