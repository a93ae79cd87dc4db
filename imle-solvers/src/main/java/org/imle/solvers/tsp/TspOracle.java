package org.imle.solvers.tsp;

import com.google.ortools.sat.BoolVar;
import com.google.ortools.sat.CircuitConstraint;
import com.google.ortools.sat.CpModel;
import com.google.ortools.sat.IntVar;
import com.google.ortools.sat.LinearExpr;
import org.imle.api.AbstractMapOracle;
import org.imle.api.check.Checks;
import org.imle.solvers.ilp.IlpOracle;

/**
 * The travelling salesperson problem on {@code m >= 3} nodes of a complete undirected graph: the cheapest
 * Hamiltonian cycle, solved exactly by CP-SAT with its circuit constraint ({@code AddCircuit}).
 *
 * <p><b>Encoding.</b> One theta and z entry per undirected edge {@code {i, j}, i < j}, in upper-triangle
 * order (PyEPO's, and {@code scipy.spatial.distance.pdist}'s): (0,1), (0,2), ..., (0,m-1), (1,2),
 * ..., (m-2,m-1); edge (i, j) is coordinate {@link #edge(int, int, int)}. theta = -cost; z[e] = 1
 * when the tour uses edge e, so every z has exactly m ones and each node is on two of them.
 *
 * <p><b>Model.</b> Two arc literals per edge, x_ij and x_ji, under one circuit constraint (a
 * single directed cycle through all nodes); the edge variable is {@code z_e = x_ij + x_ji}, at
 * most 1 since {@code m >= 3}. The objective {@code <theta, z>} is scaled to integers and solved with one
 * worker by {@link IlpOracle} (deterministic answers; ties as CP-SAT breaks them, reproducibly).
 * The travelling salesperson problem is NP-hard: a solve takes milliseconds at m = 20 and grows
 * exponentially in the worst case; the time limit bounds it, and a solve without a proven optimum
 * within it throws {@link org.imle.solvers.SolverTimeoutException} rather than return a worse tour.
 *
 * <p>Thread-safe (one CP-SAT model per thread, as {@link IlpOracle}).
 */
public final class TspOracle extends AbstractMapOracle {

    private final int nodes;
    private final IlpOracle solver;

    private TspOracle(int nodes, double timeLimitSeconds) {
        super(edges(nodes));
        this.nodes = nodes;
        this.solver = IlpOracle.cpSat("tsp-" + nodes, model -> build(model, nodes), timeLimitSeconds);
    }

    /**
     * A TSP oracle on {@code nodes} nodes.
     *
     * @param timeLimitSeconds the limit of one CP-SAT solve, > 0
     * @throws IllegalArgumentException for fewer than 3 nodes (no cycle visits them) or a bad limit
     */
    public static TspOracle of(int nodes, double timeLimitSeconds) {
        if (nodes < 3) {
            throw new IllegalArgumentException("a tour needs at least 3 nodes, got " + nodes);
        }
        Checks.positive("time limit", timeLimitSeconds);
        return new TspOracle(nodes, timeLimitSeconds);
    }

    /** The number of undirected edges of m nodes, m (m - 1) / 2. */
    public static int edges(int nodes) {
        return nodes * (nodes - 1) / 2;
    }

    /** The coordinate of edge {i, j}, i != j, in upper-triangle order. */
    public static int edge(int nodes, int i, int j) {
        int a = Math.min(i, j);
        int b = Math.max(i, j);
        if (a == b || a < 0 || b >= nodes) {
            throw new IllegalArgumentException("no edge (" + i + ", " + j + ") among " + nodes + " nodes");
        }
        return a * nodes - a * (a + 1) / 2 + (b - a - 1);
    }

    private static IntVar[] build(CpModel model, int m) {
        IntVar[] z = new IntVar[edges(m)];
        CircuitConstraint circuit = model.addCircuit();
        for (int i = 0; i < m; i++) {
            for (int j = i + 1; j < m; j++) {
                BoolVar forward = model.newBoolVar("x" + i + "_" + j);
                BoolVar backward = model.newBoolVar("x" + j + "_" + i);
                circuit.addArc(i, j, forward);
                circuit.addArc(j, i, backward);
                IntVar e = model.newIntVar(0, 1, "z" + i + "_" + j);
                model.addEquality(e, LinearExpr.sum(new BoolVar[] {forward, backward}));
                z[edge(m, i, j)] = e;
            }
        }
        return z;
    }

    public int nodes() {
        return nodes;
    }

    @Override
    protected void solveUnchecked(double[] theta, int thetaOffset, double[] z, int zOffset) {
        solver.solve(theta, thetaOffset, z, zOffset);
    }

    @Override
    protected String describeCoordinate(int coordinate) {
        for (int i = 0, e = 0; i < nodes; i++) {
            if (coordinate < e + nodes - 1 - i) {
                return "edge " + i + "-" + (i + 1 + coordinate - e);
            }
            e += nodes - 1 - i;
        }
        return null;
    }

    @Override
    public String infeasibility(double[] z) {
        return solver.infeasibility(z);
    }

    @Override
    public String toString() {
        return "tsp(" + nodes + " nodes)";
    }
}
