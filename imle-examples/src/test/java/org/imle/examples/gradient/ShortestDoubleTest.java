package org.imle.examples.gradient;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * {@link ShortestDouble} against a reference computed with {@link BigDecimal} and the JDK's
 * correctly rounding {@link Double#parseDouble}: for every value, the text reads back as the same
 * double, is a JSON number, and is the decimal of fewest digits that does (the closest of them to
 * the value, an even last digit on a tie), never longer than Java 17's {@code Double.toString}.
 */
class ShortestDoubleTest {

    private static final Pattern JSON_NUMBER = Pattern.compile("-?(0|[1-9][0-9]*)(\\.[0-9]+)?(e-?[1-9][0-9]*)?");

    /** The shortest decimal that parses back to v, by trying every precision from 1 digit up. */
    static BigDecimal reference(double v) {
        BigDecimal exact = new BigDecimal(v);
        for (int p = 1; p <= 17; p++) {
            BigDecimal lo = exact.round(new MathContext(p, RoundingMode.FLOOR));
            BigDecimal hi = exact.round(new MathContext(p, RoundingMode.CEILING));
            boolean loOk = Double.parseDouble(lo.toString()) == v;
            boolean hiOk = Double.parseDouble(hi.toString()) == v;
            if (loOk && hiOk) {
                int c = exact.subtract(lo).compareTo(hi.subtract(exact));
                if (c != 0) {
                    return c < 0 ? lo : hi;
                }
                return lo.unscaledValue().testBit(0) ? hi : lo;
            }
            if (loOk || hiOk) {
                return loOk ? lo : hi;
            }
        }
        throw new AssertionError("no decimal of 17 digits reads back as " + v);
    }

    private static void check(double v) {
        String text = ShortestDouble.format(v);
        assertTrue(JSON_NUMBER.matcher(text).matches(), v + " gave " + text);
        assertEquals(Double.doubleToRawLongBits(v), Double.doubleToRawLongBits(Double.parseDouble(text)),
                v + " gave " + text);
        if (v != 0) {
            BigDecimal expected = reference(v);
            assertEquals(0, expected.compareTo(new BigDecimal(text)), v + ": expected " + expected + ", got " + text);
            // Java 17's Double.toString reads back too, with as many significant digits or more
            BigDecimal jdk = new BigDecimal(Double.toString(v));
            assertTrue(jdk.stripTrailingZeros().precision() >= new BigDecimal(text).stripTrailingZeros().precision(),
                    v + ": " + text + " is longer than " + Double.toString(v));
        }
    }

    @Test
    void edgeValuesAndTheirNeighbours() {
        List<Double> values = new ArrayList<>(List.of(0.0, -0.0, Double.MIN_VALUE, 2 * Double.MIN_VALUE,
                3 * Double.MIN_VALUE, Double.MIN_NORMAL, Double.MAX_VALUE, 1.0, 0.1, 0.2, 0.3, 1.0 / 3, 2.0 / 3,
                1e-7, 1e-8, 1e21, 1e20, 1e22, 1e23, 9007199254740992.0, 9007199254740993.0, 123456789012345678.0,
                5e-324, 4.9e-324, 2.2250738585072014e-308, 1.7976931348623157e308, 2.0e-3, 1.0e-5,
                0.001, 1234.5, 100.0, 1e15, 1e16, 1e17, 4.35, 5.0e-7, 0.5, 0.25, 0.125));
        for (int e = -1074; e <= 1023; e++) {
            values.add(Math.scalb(1.0, e));
        }
        for (int e = -325; e <= 308; e++) {
            values.add(Double.parseDouble("1e" + e));
            values.add(Double.parseDouble("9.999999999999999e" + e));
        }
        for (double v : values) {
            for (double w : new double[] {v, Math.nextUp(v), Math.nextDown(v), -v}) {
                if (Double.isFinite(w)) {
                    check(w);
                }
            }
        }
    }

    @Test
    void theSmallestSubnormalsWhoseIntervalsAreWidest() {
        for (long t = 1; t <= 5000; t++) {
            check(Double.longBitsToDouble(t));
        }
    }

    @Test
    void randomBitPatterns() {
        SplittableRandom random = new SplittableRandom(17);
        for (int i = 0; i < 40_000; i++) {
            double v = Double.longBitsToDouble(random.nextLong());
            if (Double.isFinite(v)) {
                check(v);
            }
        }
    }

    @Test
    void randomValuesOfTheSizesGradientsHave() {
        SplittableRandom random = new SplittableRandom(18);
        for (int i = 0; i < 40_000; i++) {
            double u = random.nextDouble();
            check(u);
            check((float) (u * 2 - 1)); // a float32 from PyTorch, widened
            check(u * Math.pow(10, random.nextInt(-12, 12)));
            check(random.nextInt(-1000, 1000) / 70.0);
            check((double) random.nextLong());
        }
    }

    @Test
    void notationSwitchesToScientificOutsideTheUsualRange() {
        assertEquals("0.1", ShortestDouble.format(0.1));
        assertEquals("-1234.5", ShortestDouble.format(-1234.5));
        assertEquals("0.0000001", ShortestDouble.format(1e-7));
        assertEquals("1e-8", ShortestDouble.format(1e-8));
        assertEquals("1.5e-8", ShortestDouble.format(1.5e-8));
        assertEquals("100000000000000000000", ShortestDouble.format(1e20));
        assertEquals("1e21", ShortestDouble.format(1e21));
        assertEquals("5e-324", ShortestDouble.format(Double.MIN_VALUE)); // Java writes 4.9E-324
        assertEquals("1.7976931348623157e308", ShortestDouble.format(Double.MAX_VALUE));
        assertEquals("0.002", ShortestDouble.format(2.0e-3)); // Java 17 writes 0.0020
        assertEquals("-0", ShortestDouble.format(-0.0));
        assertThrows(IllegalArgumentException.class, () -> ShortestDouble.format(Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> ShortestDouble.format(Double.NEGATIVE_INFINITY));
    }

    @Test
    void integerLogarithmsAreExactOverTheRangeUsed() {
        for (int e = -1200; e <= 1200; e++) {
            BigDecimal pow2 = e >= 0 ? new BigDecimal(BigInteger.ONE.shiftLeft(e))
                    : BigDecimal.ONE.divide(new BigDecimal(BigInteger.ONE.shiftLeft(-e)));
            int k = ShortestDouble.flog10pow2(e);
            assertTrue(BigDecimal.ONE.scaleByPowerOfTen(k).compareTo(pow2) <= 0
                    && BigDecimal.ONE.scaleByPowerOfTen(k + 1).compareTo(pow2) > 0, "log10 2^" + e);
            BigDecimal threeQuarters = pow2.multiply(new BigDecimal("0.75"));
            int k3 = ShortestDouble.flog10threeQuartersPow2(e);
            assertTrue(BigDecimal.ONE.scaleByPowerOfTen(k3).compareTo(threeQuarters) <= 0
                    && BigDecimal.ONE.scaleByPowerOfTen(k3 + 1).compareTo(threeQuarters) > 0, "log10 3/4 2^" + e);
        }
        for (int e = -400; e <= 400; e++) {
            BigDecimal pow10 = BigDecimal.ONE.scaleByPowerOfTen(e);
            int r = ShortestDouble.flog2pow10(e);
            BigDecimal lo = r >= 0 ? new BigDecimal(BigInteger.ONE.shiftLeft(r))
                    : BigDecimal.ONE.divide(new BigDecimal(BigInteger.ONE.shiftLeft(-r)));
            assertTrue(lo.compareTo(pow10) <= 0 && lo.multiply(BigDecimal.valueOf(2)).compareTo(pow10) > 0,
                    "log2 10^" + e);
        }
    }

    @Test
    void writesAtAnOffsetAndNeverBeyondTheMaximumLength() {
        byte[] out = new byte[ShortestDouble.MAX_LENGTH + 3];
        out[0] = 'x';
        int end = ShortestDouble.write(-2.2250738585072014e-308, out, 1);
        assertEquals("x-2.2250738585072014e-308", new String(out, 0, end, java.nio.charset.StandardCharsets.US_ASCII));
        assertTrue(end - 1 <= ShortestDouble.MAX_LENGTH);
    }
}
