package org.imle.examples.explain;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * How the explainer's k-subset is made differentiable during training. At test time every
 * method selects the hard top-k of the explainer's scores.
 */
public enum ExplainMethod {
    /** I-MLE (Niepert et al. 2021) over top-k with Sum-of-Gamma perturbations. */
    IMLE("imle"),
    /** Straight-through: perturbed top-k forward, identity backward. */
    STRAIGHT_THROUGH("straight-through"),
    /** Score function (REINFORCE) with exact k-subset sampling and exact log-partition. */
    SCORE_FUNCTION("score-function"),
    /** The L2X relaxation: elementwise max of k Gumbel-softmax samples. */
    L2X("l2x"),
    /** The SoftSub relaxation of Xie and Ermon (2019). */
    SOFTSUB("softsub");

    private final String cliName;

    ExplainMethod(String cliName) {
        this.cliName = cliName;
    }

    /** The name used on the command line and in metrics files. */
    public String cliName() {
        return cliName;
    }

    /** True for the relaxations, which train on soft masks. */
    public boolean relaxed() {
        return this == L2X || this == SOFTSUB;
    }

    /**
     * The method of a command-line name.
     *
     * @throws IllegalArgumentException listing the known names
     */
    public static ExplainMethod parse(String name) {
        for (ExplainMethod m : values()) {
            if (m.cliName.equals(name.trim().toLowerCase(Locale.ROOT))) {
                return m;
            }
        }
        throw new IllegalArgumentException("unknown estimator '" + name + "'; known: " + names());
    }

    /** The known names, comma-separated. */
    public static String names() {
        return Arrays.stream(values()).map(ExplainMethod::cliName).collect(Collectors.joining(", "));
    }
}
