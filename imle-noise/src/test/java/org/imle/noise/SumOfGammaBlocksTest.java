package org.imle.noise;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.commons.rng.UniformRandomProvider;
import org.imle.api.execution.RandomStreams;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@link SumOfGammaNoise#sample} draws its Gamma terms a block at a time; the reference here is the
 * definition drawn term by term, each term one {@link AhrensDieterGsSampler#sample} call in the
 * order of the sum. The two must agree bit for bit, consume the same uniforms, and write only the
 * requested range, for lengths and term counts on and off the block boundaries, and when threads
 * share one instance.
 */
class SumOfGammaBlocksTest {

    private static double[] termByTerm(double k, int terms, double temperature, UniformRandomProvider random,
            int length) {
        AhrensDieterGsSampler gamma = AhrensDieterGsSampler.of(1 / k);
        double[] out = new double[length];
        for (int j = 0; j < length; j++) {
            double sum = 0;
            for (int i = 1; i <= terms; i++) {
                sum += gamma.sample(random) * (k / i);
            }
            out[j] = temperature / k * (sum - Math.log(terms));
        }
        return out;
    }

    @ParameterizedTest
    @CsvSource({"16, 10, 1", "16, 10, 102", "16, 10, 103", "16, 10, 1440", "15.6, 10, 144", "5, 1, 3000",
            "2.5, 7, 333", "16, 2000, 3", "16, 1024, 2", "1.3, 1025, 2"})
    void blocksGiveTheTermByTermDrawsBitForBit(double k, int terms, int length) {
        SumOfGammaNoise noise = SumOfGammaNoise.of(k, terms, 0.75);
        UniformRandomProvider a = RandomStreams.open(31, terms, length, 0);
        UniformRandomProvider b = RandomStreams.open(31, terms, length, 0);
        double[] out = new double[length + 4];
        out[1] = 7;
        out[length + 2] = 9;
        noise.sample(a, out, 2, length);
        double[] expected = termByTerm(k, terms, 0.75, b, length);
        for (int j = 0; j < length; j++) {
            assertEquals(Double.doubleToRawLongBits(expected[j]), Double.doubleToRawLongBits(out[2 + j]),
                    "k " + k + ", " + terms + " terms, value " + j);
        }
        assertEquals(7, out[1], "nothing written before the range");
        assertEquals(9, out[length + 2], "nothing written after the range");
        assertEquals(b.nextLong(), a.nextLong(), "the same uniforms consumed");
    }

    /** One instance serves many threads (each has its own buffers), as the solver executor uses it. */
    @Test
    void threadsSharingAnInstanceGetTheirStreamsDraws() throws Exception {
        SumOfGammaNoise noise = SumOfGammaNoise.of(16);
        int rows = 64;
        int n = 144;
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            Future<?>[] tasks = new Future<?>[rows];
            double[] out = new double[rows * n];
            for (int r = 0; r < rows; r++) {
                int row = r;
                tasks[r] = pool.submit(() -> noise.sample(RandomStreams.open(5, 1, row, 0), out, row * n, n));
            }
            for (Future<?> task : tasks) {
                task.get();
            }
            for (int r = 0; r < rows; r++) {
                double[] expected = termByTerm(16, 10, 1, RandomStreams.open(5, 1, r, 0), n);
                for (int j = 0; j < n; j++) {
                    assertEquals(expected[j], out[r * n + j], 0.0, "row " + r + ", value " + j);
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
