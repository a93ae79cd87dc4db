package org.imle.train.tensor;

import java.util.Arrays;

/**
 * The float32 sum of a contiguous row in the order PyTorch 1.13's CPU kernel adds it
 * ({@code x.sum(-1)} of a float tensor, one thread, the AVX2 kernel: 8-float vectors), so that a
 * float32 quantity PyTorch compares by sign, such as PyEPO's objective {@code (w * c).sum(1)}
 * against the optimal value, rounds as it does there. The order, checked against PyTorch on rows
 * of 1 to 70,000 entries: the row is cut into 8-float vectors (a tail shorter than 8 is added
 * after them, entry by entry); groups of four vectors go to four vector accumulators, which, once
 * there are at least 16 groups, pass their sums up a cascade of four levels every
 * 2^max(4, ceil(log2 groups) / 4) groups; the leftover vectors go to the first accumulator, the
 * other three are added to it in turn, and the result is the tail's sum plus the 8 lanes in lane
 * order. Rows shorter than 8 take the same scheme with single floats for vectors and no lanes.
 *
 * <p>Holds its accumulators, so a sum allocates nothing; not thread-safe. A sequential float sum
 * agrees with PyTorch's on fewer than half of the rows of 40 random entries.
 */
public final class TorchRowSum {

    private static final int LANES = 8;
    private static final int ILP = 4;
    private static final int LEVELS = 4;

    // acc[level][accumulator][lane], flattened
    private final float[] acc = new float[LEVELS * ILP * LANES];

    /**
     * The sum of {@code x[from .. from + length)}.
     *
     * @throws IllegalArgumentException if the range is not inside {@code x}
     */
    public float sum(float[] x, int from, int length) {
        if (from < 0 || length < 0 || from > x.length - length) {
            throw new IllegalArgumentException("the row [" + from + ", " + from + " + " + length
                    + ") is not inside an array of " + x.length);
        }
        int lanes = length >= LANES ? LANES : 1;
        int vectors = length / lanes;
        int groups = vectors / ILP;
        Arrays.fill(acc, 0f);
        int power = Math.max(4, ceilLog2(groups) / LEVELS);
        int step = 1 << power;
        long mask = step - 1;
        int g = 0;
        while (g + step <= groups) {
            for (int j = 0; j < step; j++, g++) {
                addGroup(x, from + g * ILP * lanes, lanes);
            }
            for (int level = 1; level < LEVELS; level++) {
                for (int k = 0; k < ILP * lanes; k++) {
                    acc[(level * ILP * LANES) + k] += acc[((level - 1) * ILP * LANES) + k];
                    acc[((level - 1) * ILP * LANES) + k] = 0f;
                }
                if ((g & (mask << (level * power))) != 0) {
                    break;
                }
            }
        }
        for (; g < groups; g++) {
            addGroup(x, from + g * ILP * lanes, lanes);
        }
        for (int level = 1; level < LEVELS; level++) {
            for (int k = 0; k < ILP * lanes; k++) {
                acc[k] += acc[level * ILP * LANES + k];
            }
        }
        for (int v = groups * ILP; v < vectors; v++) {
            for (int l = 0; l < lanes; l++) {
                acc[l] += x[from + v * lanes + l];
            }
        }
        for (int k = 1; k < ILP; k++) {
            for (int l = 0; l < lanes; l++) {
                acc[l] += acc[k * lanes + l];
            }
        }
        if (lanes == 1) {
            return acc[0];
        }
        float total = 0f;
        for (int i = vectors * lanes; i < length; i++) {
            total += x[from + i];
        }
        for (int l = 0; l < LANES; l++) {
            total += acc[l];
        }
        return total;
    }

    // accumulator k, lane l of level 0 lives at k * lanes + l (the layout of the first level is
    // packed to the vector width in use, so single floats need no stride)
    private void addGroup(float[] x, int start, int lanes) {
        for (int k = 0; k < ILP; k++) {
            for (int l = 0; l < lanes; l++) {
                acc[k * lanes + l] += x[start + k * lanes + l];
            }
        }
    }

    private static int ceilLog2(int n) {
        return n <= 1 ? 0 : 32 - Integer.numberOfLeadingZeros(n - 1);
    }
}
