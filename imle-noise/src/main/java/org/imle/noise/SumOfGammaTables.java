package org.imle.noise;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.List;

/**
 * Where {@link TabulatedSumOfGammaNoise} gets the quantile table of a (k, s): shipped in this jar
 * for the pairs short runs use, computed from {@link SumOfGammaLaw} for any other.
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

    private SumOfGammaTables() {
    }

    /** A (k, s) pair. */
    record Pair(double k, int iterations) {
        /** The resource's name relative to this class: k without a fraction when it is integral. */
        String resource() {
            String text = k == Math.rint(k) ? Long.toString((long) k) : Double.toString(k);
            return "sum-of-gamma/k" + text + "-s" + iterations + ".bin";
        }
    }

    /** The quantile table of (k, s) with {@code cells} entries: the shipped one, else computed. */
    static double[] quantiles(double k, int iterations, int cells) {
        Pair pair = new Pair(k, iterations);
        if (SHIPPED.contains(pair)) {
            return shipped(pair, cells);
        }
        return new SumOfGammaLaw(k, iterations).quantiles(cells);
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
