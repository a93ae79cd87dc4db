package org.imle.solvers.shortestpath;

import java.util.function.IntFunction;

/**
 * What a Dijkstra-based oracle does with a negative cost (a positive theta entry), which a target
 * distribution such as I-MLE's {@code theta' = theta - lambda * dL/dz} produces whenever it pushes
 * a cost below zero. Dijkstra's algorithm is wrong on negative costs, so the choice is explicit.
 */
public enum NegativeCostPolicy {

    /**
     * The default: a negative cost is an error, an {@link IllegalArgumentException} naming the
     * coordinate (and, on a grid, the cell's row and column).
     */
    REJECT,

    /**
     * Every cost below the oracle's {@code minCost} (0 unless configured) is replaced by
     * {@code minCost} before solving, and the returned structure is a shortest path for the
     * clamped costs. This is the projection blackbox differentiation (Vlastelica et al., ICLR
     * 2020) relies on to keep perturbed Warcraft costs admissible; the gradient estimators see the
     * path of the clamped problem, never a path that is silently wrong for it.
     */
    CLAMP;

    /** Parses {@code reject} or {@code clamp}, ignoring case. */
    public static NegativeCostPolicy parse(String text) {
        if (text != null) {
            for (NegativeCostPolicy p : values()) {
                if (p.name().equalsIgnoreCase(text.trim())) {
                    return p;
                }
            }
        }
        throw new IllegalArgumentException(
                "negative cost policy must be 'reject' or 'clamp', got '" + text + "'");
    }

    /**
     * The cost {@code -theta} of one coordinate under this policy: theta is finite (the oracle's
     * {@link org.imle.api.AbstractMapOracle} checked it), and a cost below {@code minCost} becomes
     * minCost under CLAMP and, when negative, an error under REJECT. Errors name the coordinate
     * and what it is ({@code names}, asked only on error) and end with {@code remedy}.
     */
    double cost(double theta, double minCost, int coordinate, IntFunction<String> names, String remedy) {
        double c = -theta;
        if (c < minCost) {
            if (this == CLAMP) {
                return minCost;
            }
            if (c < 0) {
                throw new IllegalArgumentException("negative cost " + c + " (theta " + theta
                        + ") at theta coordinate " + coordinate + " (" + names.apply(coordinate)
                        + "); Dijkstra needs costs >= 0: " + remedy);
            }
        }
        return c;
    }
}
