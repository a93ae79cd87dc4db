package org.imle.noise;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * The tables the jar ships are the Sum-of-Gamma law's quantiles: q_0 = 0, increasing, each within
 * 1e-9 of its probability under the numerical CDF, and equal to a fresh computation up to that
 * accuracy; the tabulated noise of a shipped pair uses them.
 */
class SumOfGammaTablesTest {

    private static final int M = TabulatedSumOfGammaNoise.CELLS;

    @Test
    void everyShippedTableHoldsTheQuantilesOfItsLaw() {
        for (SumOfGammaTables.Pair pair : SumOfGammaTables.SHIPPED) {
            double[] q = SumOfGammaTables.shipped(pair, M);
            SumOfGammaLaw law = new SumOfGammaLaw(pair.k(), pair.iterations());
            assertEquals(0.0, q[0], pair.toString());
            for (int j = 1; j < M; j++) {
                assertTrue(q[j] > q[j - 1], pair + " not increasing at " + j);
                assertEquals((double) j / M, law.cdf(q[j]), 1e-9, pair + " quantile " + j);
            }
            double[] fresh = law.quantiles(M);
            for (int j = 1; j < M; j++) {
                double density = Math.max(1e-300, densityAt(law, q[j]));
                assertEquals(fresh[j], q[j], 2e-9 / density + 1e-15 * q[j], pair + " against a fresh table at " + j);
            }
        }
    }

    private static double densityAt(SumOfGammaLaw law, double x) {
        double[] fd = new double[2];
        law.cdfAndDensity(x, fd);
        return fd[1];
    }

    @Test
    void theTabulatedNoiseOfAShippedPairDrawsFromTheShippedTable() {
        SumOfGammaTables.Pair pair = SumOfGammaTables.SHIPPED.get(0);
        double[] table = TabulatedSumOfGammaNoise.of(pair.k(), pair.iterations(), 1.0).table();
        assertArrayEquals(SumOfGammaTables.shipped(pair, M), table);
        assertSame(table, TabulatedSumOfGammaNoise.of(pair.k(), pair.iterations(), 2.0).table());
    }

    @Test
    void aPairThatIsNotShippedIsComputed() {
        assertArrayEquals(new SumOfGammaLaw(5.5, 10).quantiles(M), SumOfGammaTables.quantiles(5.5, 10));
    }

    @Test
    void aTableOfTheWrongSizeOrAMissingOneIsABrokenJar() {
        SumOfGammaTables.Pair pair = SumOfGammaTables.SHIPPED.get(0);
        IllegalStateException size = assertThrows(IllegalStateException.class,
                () -> SumOfGammaTables.shipped(pair, M / 2));
        assertEquals(pair.resource() + " holds " + 8 * M + " bytes, " + 4 * M + " expected", size.getMessage());
        SumOfGammaTables.Pair absent = new SumOfGammaTables.Pair(7, 3);
        IllegalStateException missing = assertThrows(IllegalStateException.class,
                () -> SumOfGammaTables.shipped(absent, M));
        assertEquals("the jar holds no sum-of-gamma/k7-s3.bin", missing.getMessage());
        assertEquals("sum-of-gamma/k15.6-s10.bin", new SumOfGammaTables.Pair(15.6, 10).resource());
    }
}
