package org.imle.noise;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Where {@link TabulatedSumOfGammaNoise} gets the quantile table of a (k, s), once per JVM: shipped
 * in this jar for the pairs short runs use, computed from {@link SumOfGammaLaw} for any other.
 *
 * <p>Why ship any: computing a table costs 0.05 to 0.4 s in a fresh JVM (the inversion runs before
 * the JIT has compiled it), which is most of what the tabulated sampler saves on a run of one
 * second, such as {@code imle ilp} with PyEPO's I-MLE (k = 5). A shipped table is the computed one
 * written as {@value TabulatedSumOfGammaNoise#CELLS} big-endian doubles to
 * {@code sum-of-gamma/k<k>-s<s>.bin} beside this class ({@code ShippedTablesWriter} in the tests
 * writes them); {@code SumOfGammaTablesTest} checks each against the CDF: q_0 = 0, increasing, and
 * {@code |F(q_j) - j/m| <= 1e-9}, the computed tables' own guarantee with a margin.
 */
final class SumOfGammaTables {

    /** The (k, s) pairs whose tables this jar holds: PyEPO's I-MLE and AIMLE rows of {@code imle ilp}. */
    static final List<Pair> SHIPPED = List.of(new Pair(5, 10));

    /** The tables made so far, shared by every noise of their (k, s). */
    private static final ConcurrentHashMap<Pair, double[]> TABLES = new ConcurrentHashMap<>();

    private SumOfGammaTables() {
    }

    /** A (k, s) pair; records compare doubles by their bits. */
    record Pair(double k, int iterations) {
        /** The resource's name relative to this class: k without a fraction when it is integral. */
        String resource() {
            return "sum-of-gamma/k" + SumOfGammaNoise.kText(k) + "-s" + iterations + ".bin";
        }
    }

    /**
     * The quantile table of (k, s) with {@link TabulatedSumOfGammaNoise#CELLS} entries: the shipped
     * one, else computed; the first call for a pair makes it, later ones return the same array.
     */
    static double[] quantiles(double k, int iterations) {
        return TABLES.computeIfAbsent(new Pair(k, iterations), pair -> SHIPPED.contains(pair)
                ? shipped(pair, TabulatedSumOfGammaNoise.CELLS)
                : new SumOfGammaLaw(k, iterations).quantiles(TabulatedSumOfGammaNoise.CELLS));
    }

    /** Reads a shipped table; a missing or short resource is a broken jar, not bad input. */
    static double[] shipped(Pair pair, int cells) {
        try (InputStream in = SumOfGammaTables.class.getResourceAsStream(pair.resource())) {
            if (in == null) {
                throw new IllegalStateException("the jar holds no " + pair.resource());
            }
            byte[] bytes = in.readAllBytes();
            if (bytes.length != 8 * cells) {
                throw new IllegalStateException(pair.resource() + " holds " + bytes.length + " bytes, "
                        + 8 * cells + " expected");
            }
            double[] q = new double[cells];
            ByteBuffer.wrap(bytes).asDoubleBuffer().get(q);
            return q;
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + pair.resource(), e);
        }
    }
}
