package org.imle.api.exact;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Predicate;
import org.imle.api.check.Checks;

/**
 * A small finite set C of structures, listed explicitly, for exact computations in tests and
 * diagnostics. The order of the list is the enumeration order used for tie-breaking.
 */
public final class StructureSet {

    /** Enumerating more than 2^24 vectors would take minutes: refuse instead. */
    private static final int MAX_BITS = 24;

    private final int dimension;
    private final double[][] structures;

    private StructureSet(int dimension, List<double[]> structures) {
        if (structures.isEmpty()) {
            throw new IllegalArgumentException("a structure set needs at least one structure");
        }
        this.dimension = dimension;
        this.structures = new double[structures.size()][];
        for (int i = 0; i < this.structures.length; i++) {
            double[] z = structures.get(i);
            Checks.length("structure " + i, z, dimension);
            Checks.finite("structure " + i, z);
            this.structures[i] = z.clone();
        }
    }

    /** The set made of the given structures, in the given order. */
    public static StructureSet of(List<double[]> structures) {
        if (structures == null || structures.isEmpty()) {
            throw new IllegalArgumentException("a structure set needs at least one structure");
        }
        Checks.length("structure 0", structures.get(0), structures.get(0) == null ? 0 : structures.get(0).length);
        return new StructureSet(structures.get(0).length, structures);
    }

    /**
     * Every 0/1 vector of length n accepted by {@code feasible}, in increasing binary order with
     * coordinate 0 as the most significant bit (so the first listed of two tied k-subsets is the
     * one with the lower indices).
     */
    public static StructureSet binary(int n, Predicate<double[]> feasible) {
        Checks.between("n", n, 1, MAX_BITS);
        List<double[]> list = new ArrayList<>();
        for (long mask = (1L << n) - 1; mask >= 0; mask--) {
            double[] z = new double[n];
            for (int i = 0; i < n; i++) {
                z[i] = (mask >>> (n - 1 - i)) & 1L;
            }
            if (feasible.test(z)) {
                list.add(z);
            }
        }
        if (list.isEmpty()) {
            throw new IllegalArgumentException("no 0/1 vector of length " + n + " is feasible");
        }
        return new StructureSet(n, list);
    }

    /** All k-subsets of n items as k-hot vectors, lower indices first. */
    public static StructureSet kSubsets(int n, int k) {
        Checks.between("n", n, 1, MAX_BITS);
        Checks.between("k", k, 1, n);
        return binary(n, z -> Arrays.stream(z).sum() == k);
    }

    /** The one-hot vectors of length n, in index order. */
    public static StructureSet oneHot(int n) {
        return kSubsets(n, 1);
    }

    public int dimension() {
        return dimension;
    }

    public int size() {
        return structures.length;
    }

    /** The i-th structure (a copy). */
    public double[] get(int i) {
        return structures[i].clone();
    }

    /** Direct access for the exact helpers of this package. */
    double[] at(int i) {
        return structures[i];
    }

    /** {@code <z_i, theta>}. */
    public double score(int i, double[] theta) {
        return score(i, theta, 0);
    }

    /** {@code <z_i, theta[offset .. offset + n)>}, for the oracle's offset solve. */
    double score(int i, double[] theta, int offset) {
        double[] z = structures[i];
        double s = 0;
        for (int j = 0; j < dimension; j++) {
            s += z[j] * theta[offset + j];
        }
        return s;
    }

    /** The index of a structure equal to z, or -1. */
    public int indexOf(double[] z) {
        for (int i = 0; i < structures.length; i++) {
            if (Arrays.equals(structures[i], z)) {
                return i;
            }
        }
        return -1;
    }
}
