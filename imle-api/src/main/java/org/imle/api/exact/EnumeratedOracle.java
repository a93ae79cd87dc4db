package org.imle.api.exact;

import org.imle.api.AbstractMapOracle;
import org.imle.api.check.Checks;

/**
 * MAP by brute force over a {@link StructureSet}: O(|C| * n) per solve. The reference every fast
 * oracle is tested against. Ties go to the structure listed first.
 */
public final class EnumeratedOracle extends AbstractMapOracle implements TractableOracle {

    private final StructureSet set;

    public EnumeratedOracle(StructureSet set) {
        super(dimensionOf(set));
        this.set = set;
    }

    private static int dimensionOf(StructureSet set) {
        if (set == null) {
            throw new IllegalArgumentException("structure set must not be null");
        }
        return set.dimension();
    }

    /** The exact family of the same set: enumeration gives samples and marginals too. */
    @Override
    public TractableFamily family() {
        return new EnumeratedFamily(structures());
    }

    /** The structures this oracle searches. */
    public StructureSet structures() {
        return set;
    }

    @Override
    protected void solveUnchecked(double[] theta, int thetaOffset, double[] z, int zOffset) {
        System.arraycopy(set.at(argmax(theta, thetaOffset)), 0, z, zOffset, dimension());
    }

    /** The index of the first maximiser. */
    public int argmax(double[] theta) {
        // A longer theta would otherwise be scored on its first n entries without a word.
        Checks.length("theta", theta, dimension());
        Checks.finite("theta", theta);
        return argmax(theta, 0);
    }

    private int argmax(double[] theta, int offset) {
        int best = 0;
        double bestScore = set.score(0, theta, offset);
        for (int i = 1; i < set.size(); i++) {
            double s = set.score(i, theta, offset);
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
