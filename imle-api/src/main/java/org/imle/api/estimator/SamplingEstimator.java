package org.imle.api.estimator;

import org.imle.api.GradientEstimator;

/**
 * The part every perturb-and-MAP estimator has in common: its sampler, and the shape it reports
 * (n from the sampler's oracle, S from the sampler). I-MLE, AIMLE, mu-mu I-MLE and
 * straight-through differ only in what they do with the samples.
 */
abstract class SamplingEstimator implements GradientEstimator {

    final PerturbAndMap sampler;

    SamplingEstimator(PerturbAndMap sampler) {
        this.sampler = sampler;
    }

    @Override
    public int dimension() {
        return sampler.oracle().dimension();
    }

    @Override
    public int samples() {
        return sampler.samples();
    }

    /** The oracle, noise, temperature, S, M, seed and executor of the forward samples. */
    public PerturbAndMap sampler() {
        return sampler;
    }
}
