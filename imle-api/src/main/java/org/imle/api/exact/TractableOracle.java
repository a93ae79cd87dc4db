package org.imle.api.exact;

import org.imle.api.MapOracle;

/**
 * A {@link MapOracle} whose distribution {@code p(z; theta) proportional to exp(<z, theta>)} over its
 * own set C also has exact sampling and marginals: it offers that {@link TractableFamily}, so that
 * estimators which need exact inference (the score function, mu-mu I-MLE) can be made from the
 * oracle alone, by name, as the estimator registry makes them. Top-k offers
 * {@link KSubsetFamily}; an {@link EnumeratedOracle} offers the {@link EnumeratedFamily} of its set.
 */
public interface TractableOracle extends MapOracle {

    /** The family of this oracle's set C; its dimension is this oracle's. */
    TractableFamily family();
}
