package org.imle.solvers.matching;

import com.google.ortools.sat.IntVar;
import com.google.ortools.sat.LinearExpr;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.imle.api.AbstractMapOracle;
import org.imle.api.check.Checks;
import org.imle.solvers.SolverTimeoutException;
import org.imle.solvers.ilp.IlpOracle;
import org.jgrapht.alg.interfaces.MatchingAlgorithm;
import org.jgrapht.alg.matching.blossom.v5.KolmogorovWeightedMatching;
import org.jgrapht.alg.matching.blossom.v5.ObjectiveSense;
import org.jgrapht.graph.SimpleWeightedGraph;

/**
 * Maximum-weight matching in a general undirected graph: a set of edges, no two sharing a node,
 * of maximum total score. Only edges with {@code theta > 0} are ever matched.
 *
 * <p><b>Encoding.</b> The graph is fixed: {@code nodes} nodes and an edge list; theta[e] scores
 * edge e, z[e] is 1 when edge e is matched, else 0. A graph with no edges (a single node, say) has
 * dimension 0.
 *
 * <p><b>Algorithm.</b> JGraphT's blossom V ({@link KolmogorovWeightedMatching}), {@code O(n^2 m)}
 * worst case and much faster in practice, run on the subgraph of positive edges. Blossom V is known
 * to loop forever on some inputs (jgrapht issue 1200), so every solve runs on a worker thread
 * under a time budget. When the budget runs out, the worker is interrupted and the instance is
 * solved exactly by CP-SAT on one 0/1 variable per edge with {@code sum of the edges at each node
 * <= 1} ({@link IlpOracle}); if that also exceeds its own time limit, {@link SolverTimeoutException}
 * is raised. Nothing hangs. Known cost: blossom V does not check interrupts, so a worker that truly
 * loops keeps one daemon thread busy until the JVM exits; {@link #abandonedWorkers()} counts them.
 *
 * <p><b>Exactness and ties.</b> Blossom V works in doubles with its own epsilon, so z is optimal up
 * to floating-point rounding of the scores (the tests compare to brute force within 1e-9).
 * Deterministic: the same theta gives the same z as long as blossom V finishes within the budget;
 * among tied optima, the fallback may choose another matching than blossom V would have.
 *
 * <p>Thread-safe. Reference: V. Kolmogorov, Blossom V: a new implementation of a minimum cost
 * perfect matching algorithm, Mathematical Programming Computation 1 (2009); J. Edmonds, Paths,
 * trees, and flowers (1965).
 */
public final class GeneralMatchingOracle extends AbstractMapOracle {

    /** Solves one instance exactly; {@link GeneralMatchingOracle} guards it with a time budget. */
    @FunctionalInterface
    interface Primary {
        void solve(double[] theta, double[] z) throws InterruptedException;
    }

    private static final AtomicInteger THREADS = new AtomicInteger();
    private static final AtomicInteger ABANDONED = new AtomicInteger();
    private static final ExecutorService WORKERS = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "imle-blossom-v-" + THREADS.incrementAndGet());
        // a worker stuck in blossom V must never keep the JVM alive
        t.setDaemon(true);
        return t;
    });

    private final int nodes;
    private final int[] from;
    private final int[] to;
    private final double timeBudgetSeconds;
    private final double fallbackTimeLimitSeconds;
    private final Primary primary;
    private volatile IlpOracle fallback;

    private GeneralMatchingOracle(int nodes, int[][] edges, double timeBudgetSeconds,
            double fallbackTimeLimitSeconds, Primary primary) {
        super(edgeCount(nodes, edges));
        this.nodes = nodes;
        this.from = new int[edges.length];
        this.to = new int[edges.length];
        Set<Long> seen = new HashSet<>();
        for (int e = 0; e < edges.length; e++) {
            if (edges[e] == null || edges[e].length != 2) {
                throw new IllegalArgumentException("edge " + e + " must be a pair of node indices");
            }
            int u = edges[e][0];
            int v = edges[e][1];
            if (u < 0 || u >= nodes || v < 0 || v >= nodes) {
                throw new IllegalArgumentException("edge " + e + " (" + u + ", " + v
                        + ") has a node outside 0.." + (nodes - 1));
            }
            if (u == v) {
                throw new IllegalArgumentException("edge " + e + " is a loop at node " + u);
            }
            if (!seen.add((long) Math.min(u, v) * nodes + Math.max(u, v))) {
                throw new IllegalArgumentException("edge " + e + " (" + u + ", " + v + ") repeats an earlier edge");
            }
            from[e] = u;
            to[e] = v;
        }
        this.timeBudgetSeconds = Checks.positive("timeBudgetSeconds", timeBudgetSeconds);
        this.fallbackTimeLimitSeconds = Checks.positive("fallbackTimeLimitSeconds", fallbackTimeLimitSeconds);
        this.primary = primary != null ? primary : this::blossomV;
    }

    private static int edgeCount(int nodes, int[][] edges) {
        Checks.atLeast("nodes", nodes, 1);
        if (edges == null) {
            throw new IllegalArgumentException("edges is null");
        }
        return edges.length;
    }

    /** An oracle with a 1 s budget for blossom V and a 10 s limit for the CP-SAT fallback. */
    public static GeneralMatchingOracle of(int nodes, int[][] edges) {
        return of(nodes, edges, 1.0, 10.0);
    }

    /**
     * An oracle with explicit time limits.
     *
     * @param nodes the number of nodes, at least 1
     * @param edges pairs of distinct node indices; no edge twice
     * @param timeBudgetSeconds how long blossom V may run before the fallback takes over
     * @param fallbackTimeLimitSeconds the CP-SAT limit, after which a solve raises
     *     {@link SolverTimeoutException}
     */
    public static GeneralMatchingOracle of(int nodes, int[][] edges, double timeBudgetSeconds,
            double fallbackTimeLimitSeconds) {
        return new GeneralMatchingOracle(nodes, edges, timeBudgetSeconds, fallbackTimeLimitSeconds, null);
    }

    /** For tests: an oracle whose first solver is {@code primary} instead of blossom V. */
    static GeneralMatchingOracle withPrimary(int nodes, int[][] edges, double timeBudgetSeconds,
            double fallbackTimeLimitSeconds, Primary primary) {
        return new GeneralMatchingOracle(nodes, edges, timeBudgetSeconds, fallbackTimeLimitSeconds, primary);
    }

    /** Workers left running after their budget ran out, since this class was loaded. */
    public static int abandonedWorkers() {
        return ABANDONED.get();
    }

    public int nodes() {
        return nodes;
    }

    @Override
    protected void solveUnchecked(double[] theta, int thetaOffset, double[] z, int zOffset) {
        int m = from.length;
        double[] input = Arrays.copyOfRange(theta, thetaOffset, thetaOffset + m);
        boolean anyPositive = false;
        for (double t : input) {
            anyPositive |= t > 0;
        }
        Arrays.fill(z, zOffset, zOffset + m, 0.0);
        if (!anyPositive) {
            return;
        }
        double[] result = new double[m];
        AtomicBoolean finished = new AtomicBoolean();
        Future<?> future = WORKERS.submit(() -> {
            try {
                primary.solve(input, result);
            } finally {
                finished.set(true);
            }
            return null;
        });
        try {
            future.get((long) Math.ceil(timeBudgetSeconds * 1e9), TimeUnit.NANOSECONDS);
            System.arraycopy(result, 0, z, zOffset, m);
        } catch (TimeoutException e) {
            future.cancel(true);
            double[] exact = new double[m];
            solveExactly(input, exact);
            System.arraycopy(exact, 0, z, zOffset, m);
            if (!finished.get()) {
                ABANDONED.incrementAndGet();
            }
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException("matching on " + nodes + " nodes failed", cause);
        } catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            throw new SolverTimeoutException("matching on " + nodes + " nodes: interrupted while waiting", e);
        }
    }

    private void blossomV(double[] theta, double[] z) {
        // blossom V's reduction adds vertices and edges of its own, so the graph needs suppliers;
        // they count on from past the ids the oracle uses
        int[] nextVertex = {nodes};
        int[] nextEdge = {from.length};
        SimpleWeightedGraph<Integer, Integer> graph =
                new SimpleWeightedGraph<>(() -> nextVertex[0]++, () -> nextEdge[0]++);
        for (int e = 0; e < from.length; e++) {
            if (theta[e] > 0) {
                graph.addVertex(from[e]);
                graph.addVertex(to[e]);
                graph.addEdge(from[e], to[e], e);
                graph.setEdgeWeight(e, theta[e]);
            }
        }
        MatchingAlgorithm.Matching<Integer, Integer> matching =
                new KolmogorovWeightedMatching<>(graph, ObjectiveSense.MAXIMIZE).getMatching();
        for (Integer e : matching.getEdges()) {
            z[e] = 1.0;
        }
    }

    /** The exact fallback: CP-SAT on the edge variables, then positive edges only. */
    private void solveExactly(double[] theta, double[] z) {
        IlpOracle exact = fallback;
        if (exact == null) {
            exact = IlpOracle.cpSat("matching on " + nodes + " nodes, " + from.length + " edges", model -> {
                IntVar[] x = new IntVar[from.length];
                List<List<IntVar>> incident = new ArrayList<>();
                for (int v = 0; v < nodes; v++) {
                    incident.add(new ArrayList<>());
                }
                for (int e = 0; e < from.length; e++) {
                    x[e] = model.newBoolVar("edge" + e);
                    incident.get(from[e]).add(x[e]);
                    incident.get(to[e]).add(x[e]);
                }
                for (List<IntVar> around : incident) {
                    if (around.size() > 1) {
                        model.addLessOrEqual(LinearExpr.sum(around.toArray(new IntVar[0])), 1);
                    }
                }
                return x;
            }, fallbackTimeLimitSeconds);
            fallback = exact;
        }
        exact.solve(theta, z);
        for (int e = 0; e < z.length; e++) {
            if (!(theta[e] > 0)) {
                z[e] = 0.0;
            }
        }
    }

    @Override
    public String infeasibility(double[] z) {
        String len = super.infeasibility(z);
        if (len != null) {
            return len;
        }
        int[] degree = new int[nodes];
        for (int e = 0; e < z.length; e++) {
            if (z[e] != 0.0 && z[e] != 1.0) {
                return "z coordinate " + e + " is " + z[e] + ", expected 0 or 1";
            }
            if (z[e] == 1.0 && (++degree[from[e]] > 1 || ++degree[to[e]] > 1)) {
                return "edge " + e + " shares a node with another matched edge";
            }
        }
        return null;
    }

    @Override
    public String toString() {
        return "matching on " + nodes + " nodes, " + from.length + " edges";
    }
}
