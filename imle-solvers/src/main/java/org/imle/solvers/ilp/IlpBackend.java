package org.imle.solvers.ilp;

/** The solver behind an {@link IlpOracle}. */
public enum IlpBackend {
    /**
     * Google's CP-SAT: integer variables with finite domains and integer constraint coefficients;
     * the objective is scaled to exact integers as {@link IlpOracle} documents.
     */
    CP_SAT("cp-sat"),
    /** SCIP through OR-Tools' MPSolver: mixed integer programmes in floating point. */
    SCIP("scip");

    private final String label;

    IlpBackend(String label) {
        this.label = label;
    }

    /** The name the registry and the command line use. */
    public String label() {
        return label;
    }

    /** The back end with the given {@link #label()}. */
    public static IlpBackend ofLabel(String label) {
        for (IlpBackend b : values()) {
            if (b.label.equals(label)) {
                return b;
            }
        }
        throw new IllegalArgumentException("backend must be cp-sat or scip, got '" + label + "'");
    }
}
