package org.imle.train.tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@link TorchRowSum} against PyTorch 1.13 on this project's machines (x86-64, AVX2 kernel, one
 * thread): {@code torch.tensor(x).sum()} of the float32 row x_i = float32(a_i) / 97f with
 * {@code a_i = (7919 i + 13 n) mod 10007 - 5003}, written as the bits of the float.
 */
class TorchRowSumTest {

    private static float[] row(int n, int offset) {
        float[] x = new float[offset + n];
        for (int i = 0; i < n; i++) {
            x[offset + i] = (float) (((long) i * 7919 + 13L * n) % 10007 - 5003) / 97f;
        }
        return x;
    }

    private static float sequential(float[] x, int from, int n) {
        float s = 0f;
        for (int i = 0; i < n; i++) {
            s += x[from + i];
        }
        return s;
    }

    @ParameterizedTest(name = "n = {0}")
    @CsvSource({"1, c24dc5f0, true", "5, c264893e, false", "8, 41c717c2, true", "13, 4237b61a, true",
        "40, c28a24f1, false", "190, 4258b37c, false", "600, c2298680, false", "5000, c1524f40, false",
        "70000, 3fcdaa00, false"})
    void isPyTorchsFloat32SumBitForBit(int n, String torchBits, boolean sequentialAgrees) {
        float expected = Float.intBitsToFloat(Integer.parseUnsignedInt(torchBits, 16));
        TorchRowSum sum = new TorchRowSum();
        float[] x = row(n, 3);
        assertEquals(expected, sum.sum(x, 3, n), "n = " + n);
        assertEquals(expected, sum.sum(x, 3, n), "a second sum with the same accumulators");
        // the rows where index order rounds otherwise are what make the order worth reproducing
        if (sequentialAgrees) {
            assertEquals(expected, sequential(x, 3, n));
        } else {
            assertNotEquals(expected, sequential(x, 3, n));
        }
    }

    @Test
    void emptyRowsSumToZeroAndRangesOutsideTheArrayAreRefused() {
        TorchRowSum sum = new TorchRowSum();
        assertEquals(0f, sum.sum(new float[4], 4, 0));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> sum.sum(new float[10], 4, 7));
        assertTrue(e.getMessage().contains("[4, 4 + 7)") && e.getMessage().contains("10"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> sum.sum(new float[10], -1, 2));
    }
}
