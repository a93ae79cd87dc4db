package org.imle.examples.gradient;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Base64;
import java.util.SplittableRandom;
import org.imle.api.execution.SolveExecutor;
import org.imle.data.npy.Npy;
import org.imle.data.npy.NpyArray;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ResponseWriterTest {

    /** The text NumPy's file of these values has in base64, quoted: what a client decodes. */
    private static String reference(double[] values, int... shape) {
        return "\"" + Base64.getEncoder().encodeToString(Npy.toBytes(NpyArray.ofFloat64(values, shape))) + "\"";
    }

    private static double[] values(SplittableRandom random, int count) {
        double[] v = new double[count];
        for (int i = 0; i < v.length; i++) {
            v[i] = switch (random.nextInt(4)) {
                case 0 -> random.nextInt(3) - 1;
                case 1 -> -0.0;
                case 2 -> Double.MIN_VALUE * random.nextInt(5);
                default -> random.nextDouble(-1e300, 1e300);
            };
        }
        return v;
    }

    /**
     * Fields reserved in place and written by finish, one or several, side by side on two threads
     * or on one, give the text of the library's .npy in base64, in the same line, line after line
     * (arrays of growing and shrinking sizes reuse the fields' buffers).
     */
    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void writesEachNpyFieldInItsPlace(int threads) {
        SolveExecutor executor = SolveExecutor.parallel(threads);
        ResponseWriter writer = new ResponseWriter();
        SplittableRandom random = new SplittableRandom(5);
        for (int line = 0; line < 60; line++) {
            int fields = 1 + line % 3;
            StringBuilder expected = new StringBuilder("{");
            writer.reset();
            writer.ascii('{');
            for (int f = 0; f < fields; f++) {
                int rows = 1 + random.nextInt(9);
                int n = 1 + random.nextInt(line % 2 == 0 ? 300 : 7);
                double[] v = values(random, rows * n);
                String name = (f > 0 ? "," : "") + "\"f" + f + "\":";
                writer.raw(name);
                expected.append(name);
                if (f == 1 && line % 5 == 0) {
                    writer.npy(v, "loss", v.length);
                    expected.append(reference(v, v.length));
                } else {
                    writer.npy(v, "f" + f, rows, n);
                    expected.append(reference(v, rows, n));
                }
            }
            writer.ascii('}');
            expected.append('}');
            writer.finish(executor);
            assertEquals(expected.toString(), writer.text(), "line " + line);
        }
    }

    /** NaN or an infinity is named by field, row and coordinate; with two bad fields the first is named. */
    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void refusesValuesAResponseCannotCarry(int threads) {
        SolveExecutor executor = SolveExecutor.parallel(threads);
        ResponseWriter writer = new ResponseWriter();
        double[] z = new double[12];
        double[] grad = new double[12];
        grad[6] = Double.NaN;
        writer.npy(z, "z", 3, 4);
        writer.npy(grad, "grad", 3, 4);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> writer.finish(executor));
        assertEquals("grad row 1 coordinate 2 is NaN, which a response cannot carry", e.getMessage());

        writer.reset();
        z[11] = Double.NEGATIVE_INFINITY;
        writer.npy(z, "z", 3, 4);
        writer.npy(grad, "grad", 3, 4);
        e = assertThrows(IllegalStateException.class, () -> writer.finish(executor));
        assertEquals("z row 2 coordinate 3 is -Infinity, which a response cannot carry", e.getMessage());

        // the writer is whole again after a refused line
        writer.reset();
        double[] ok = {1.5, -2};
        writer.npy(ok, "z", 1, 2);
        writer.finish(executor);
        assertEquals(reference(ok, 1, 2), writer.text());
    }
}
