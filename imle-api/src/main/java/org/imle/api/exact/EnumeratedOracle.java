package org.imle.api.exact;

import org.imle.api.MapOracle;
import org.imle.api.check.Checks;

/**
 * MAP by brute force over a {@link StructureSet}: O(|C| * n) per solve. The reference every fast
 * oracle is tested against. Ties go to the structure listed first.
 */
public final class EnumeratedOracle implements TractableOracle {

    private final StructureSet set;

    public EnumeratedOracle(StructureSet set) {
        if (set == null) {
            throw new IllegalArgumentException("structure set must not be null");
        }
        this.set = set;
    }

    /** The structures this oracle searches. */
    /** The exact family of the same set: enumeration gives samples and marginals too. */
    @Override
    public TractableFamily family() {
        return new EnumeratedFamily(structures());
    }

    public StructureSet structures() {
        return set;
    }

    @Override
    public int dimension() {
        return set.dimension();
    }

    @Override
    public void solve(double[] theta, double[] z) {
        Checks.length("theta", theta, dimension());
        Checks.length("z", z, dimension());
        Checks.finite("theta", theta);
        System.arraycopy(set.at(argmax(theta)), 0, z, 0, dimension());
    }

    /** The index of the first maximiser. */
    public int argmax(double[] theta) {
        // A longer theta would otherwise be scored on its first n entries without a word.
        Checks.length("theta", theta, dimension());
        Checks.finite("theta", theta);
        int best = 0;
        double bestScore = set.score(0, theta);
        for (int i = 1; i < set.size(); i++) {
            double s = set.score(i, theta);
            if (s > bestScore) {
                best = i;
                bestScore = s;
            }
        }
        return best;
    }

    @Override
    public String infeasibility(double[] z) {
        String len = TractableOracle.super.infeasibility(z);
        if (len != null) {
            return len;
        }
        return set.indexOf(z) >= 0 ? null : "z is not one of the " + set.size() + " listed structures";
    }
}
