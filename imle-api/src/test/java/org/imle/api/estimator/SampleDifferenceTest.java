package org.imle.api.estimator;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The one-pass sample difference against the zero / add S times / scale loop it replaced. */
class SampleDifferenceTest {

    @ParameterizedTest(name = "S = {0}")
    @ValueSource(ints = {1, 2, 5})
    void matchesZeroAddThenScaleBitForBit(int samples) {
        SplittableRandom rng = new SplittableRandom(samples);
        int n = 40;
        for (int trial = 0; trial < 200; trial++) {
            double[] a = new double[samples * n];
            double[] b = new double[samples * n];
            for (int i = 0; i < a.length; i++) {
                // 0/1 structures with ties, signed zeros and fractional marginals
                a[i] = pick(rng);
                b[i] = pick(rng);
            }
            double c = trial % 3 == 0 ? 0.1 : -1.0 / 3;
            double[] expected = new double[n];
            long expectedDiffer = 0;
            for (int s = 0; s < samples; s++) {
                for (int i = 0; i < n; i++) {
                    expected[i] += a[s * n + i] - b[s * n + i];
                    expectedDiffer += a[s * n + i] != b[s * n + i] ? 1 : 0;
                }
            }
            for (int i = 0; i < n; i++) {
                expected[i] *= c;
            }
            double[] grad = new double[n + 3];
            java.util.Arrays.fill(grad, Double.NaN); // whatever the row held before is overwritten
            long differ = 0;
            for (int s = 0; s < samples; s++) {
                differ += AbstractPass.addSampleDifference(a, s * n, b, s * n, grad, 3, n, s, samples, c);
            }
            for (int i = 0; i < n; i++) {
                assertEquals(Double.doubleToRawLongBits(expected[i]), Double.doubleToRawLongBits(grad[3 + i]),
                        "coordinate " + i + ": " + expected[i] + " vs " + grad[3 + i]);
            }
            assertEquals(expectedDiffer, differ);
        }
    }

    private static double pick(SplittableRandom rng) {
        return switch (rng.nextInt(4)) {
            case 0 -> 0.0;
            case 1 -> -0.0;
            case 2 -> 1.0;
            default -> rng.nextDouble();
        };
    }
}
