package org.imle.api.exact;

/**
 * Exact inference in the exponential family {@code p(z; theta) = exp(<z, theta> - A(theta))} on a
 * set C of structures: the log-partition A and the marginals {@code mu(theta) = E[z] = grad A}.
 * Where C allows it (k-subsets, spanning trees, small C by enumeration) these replace sampled
 * structures by their exact expectation, as in the mu-mu variant of I-MLE.
 *
 * <p>Rows are read from flat arrays at an offset, as everywhere in imle. Implementations are
 * immutable and thread-safe.
 */
public interface MarginalOracle {

    /** n, the length of theta and of a structure. */
    int dimension();

    /** {@code A(theta) = log sum_{z in C} exp(<z, theta>)} of the row at {@code theta[offset..)}. */
    double logPartition(double[] theta, int offset);

    /** Writes {@code mu(theta)} of the row at {@code theta[offset..)} into {@code mu[muOffset..)}. */
    void marginals(double[] theta, int offset, double[] mu, int muOffset);

    /** Allocating form of {@link #marginals(double[], int, double[], int)} for one row. */
    default double[] marginals(double[] theta) {
        double[] mu = new double[dimension()];
        marginals(theta, 0, mu, 0);
        return mu;
    }
}
