package org.imle.api.exact;

import org.imle.api.check.Checks;

/**
 * Exact log-partition and edge marginals of the distribution over spanning trees of an undirected
 * graph, {@code p(T) proportional to prod_{e in T} exp(theta_e)}, by Kirchhoff's matrix-tree
 * theorem (Kirchhoff 1847; as used for tree marginals by Koo et al., EMNLP 2007).
 *
 * <p>Encoding: coordinate e of theta and z is edge e of the list given at construction; z is the
 * 0/1 indicator of the edges in the tree. With the weighted Laplacian L and L' the Laplacian with
 * vertex 0's row and column removed, {@code A(theta) = log det L'} and the marginal of edge
 * {@code e = (u, v)} is {@code w_e} times the effective resistance between u and v, read as the
 * diagonal entry v of the inverse of the Laplacian grounded at u (grounding at the edge's own
 * endpoint avoids the cancellation of {@code (x_u - x_v)^T L'^{-1} (x_u - x_v)}). Weights are taken
 * relative to the largest theta so that no exponential overflows, which shifts A by
 * {@code (V - 1) * max theta} and leaves marginals alone.
 *
 * <p>The eliminations are subtraction-free (Grassmann-Taksar-Heyman), so results keep close to full
 * double precision even when theta spans tens of units. Cost: O(V^3) for A; O(V^4 + E V^2) for the
 * marginals (one factorisation per distinct first endpoint, one solve per edge). Written by hand
 * because imle-api stays free of linear-algebra dependencies; the tests check it against enumeration
 * of all spanning trees of small graphs. A disconnected graph has no spanning tree and is rejected.
 */
public final class SpanningTreeMarginals implements MarginalOracle {

    private final int vertices;
    private final int[] from;
    private final int[] to;

    /**
     * @param vertices V >= 2
     * @param from first endpoint of each edge, in 0..V-1
     * @param to second endpoint of each edge, in 0..V-1, different from {@code from}
     */
    public SpanningTreeMarginals(int vertices, int[] from, int[] to) {
        this.vertices = Checks.atLeast("vertices", vertices, 2);
        if (from == null || to == null || from.length != to.length) {
            throw new IllegalArgumentException("edge endpoint arrays must be non-null and of equal length");
        }
        Checks.atLeast("edges", from.length, 1);
        for (int e = 0; e < from.length; e++) {
            Checks.between("edge " + e + " endpoint 'from'", from[e], 0, vertices - 1);
            Checks.between("edge " + e + " endpoint 'to'", to[e], 0, vertices - 1);
            if (from[e] == to[e]) {
                throw new IllegalArgumentException("edge " + e + " is a self-loop on vertex " + from[e]);
            }
        }
        this.from = from.clone();
        this.to = to.clone();
        factor(new double[from.length], 0, 0); // throws when the graph is disconnected
    }

    /** The complete graph on V vertices, edges (u, v) with {@code u < v} in lexicographic order. */
    public static SpanningTreeMarginals complete(int vertices) {
        Checks.atLeast("vertices", vertices, 2);
        int m = vertices * (vertices - 1) / 2;
        int[] f = new int[m];
        int[] t = new int[m];
        int e = 0;
        for (int u = 0; u < vertices; u++) {
            for (int v = u + 1; v < vertices; v++) {
                f[e] = u;
                t[e] = v;
                e++;
            }
        }
        return new SpanningTreeMarginals(vertices, f, t);
    }

    public int vertices() {
        return vertices;
    }

    @Override
    public int dimension() {
        return from.length;
    }

    @Override
    public double logPartition(double[] theta, int offset) {
        check(theta, offset);
        return factor(theta, offset, 0).logDet + (vertices - 1) * max(theta, offset);
    }

    @Override
    public void marginals(double[] theta, int offset, double[] mu, int muOffset) {
        check(theta, offset);
        Checks.range("mu", mu.length, muOffset, dimension());
        Factor[] byGround = new Factor[vertices];
        double shift = max(theta, offset);
        double[] x = new double[vertices - 1];
        for (int e = 0; e < from.length; e++) {
            int g = from[e];
            if (byGround[g] == null) {
                byGround[g] = factor(theta, offset, g);
            }
            int v = to[e] < g ? to[e] : to[e] - 1;
            java.util.Arrays.fill(x, 0.0);
            x[v] = 1.0;
            byGround[g].solve(x);
            // with u grounded, the effective resistance between u and v is (L_u^{-1})_vv
            mu[muOffset + e] = Math.min(1.0, Math.exp(theta[offset + e] - shift) * x[v]);
        }
    }

    /** The factorisation of the Laplacian grounded at vertex g, weights exp(theta - max). */
    private Factor factor(double[] theta, int offset, int g) {
        int r = vertices - 1;
        double[] w = new double[r * r];
        double[] ground = new double[r];
        double shift = max(theta, offset);
        for (int e = 0; e < from.length; e++) {
            double we = Math.exp(theta[offset + e] - shift);
            int u = from[e];
            int v = to[e];
            if (u == g) {
                ground[v < g ? v : v - 1] += we;
            } else if (v == g) {
                ground[u < g ? u : u - 1] += we;
            } else {
                int a = u < g ? u : u - 1;
                int b = v < g ? v : v - 1;
                w[a * r + b] += we;
                w[b * r + a] += we;
            }
        }
        Factor f = Factor.of(w, ground, r);
        if (f == null) {
            throw new IllegalArgumentException("the graph with " + vertices + " vertices and " + from.length
                    + " edges is disconnected: it has no spanning tree");
        }
        return f;
    }

    private double max(double[] theta, int offset) {
        double m = Double.NEGATIVE_INFINITY;
        for (int e = 0; e < from.length; e++) {
            m = Math.max(m, theta[offset + e]);
        }
        return m;
    }

    private void check(double[] theta, int offset) {
        if (theta == null) {
            throw new IllegalArgumentException("theta is null");
        }
        Checks.range("theta", theta.length, offset, dimension());
        for (int e = 0; e < dimension(); e++) {
            if (!Double.isFinite(theta[offset + e])) {
                throw new IllegalArgumentException("theta coordinate " + e + " is " + theta[offset + e]);
            }
        }
    }

    /**
     * An LU factorisation of a grounded Laplacian by the elimination of Grassmann, Taksar and Heyman
     * (1985): every pivot is recomputed as the vertex's weight to ground plus its weights to the
     * vertices not yet eliminated, so no step subtracts and every entry keeps full relative accuracy
     * however widely the weights range. The matrix is a diagonally dominant M-matrix: no pivoting.
     */
    private static final class Factor {
        private final double[] a;
        private final int r;
        private final double logDet;

        private Factor(double[] a, int r, double logDet) {
            this.a = a;
            this.r = r;
            this.logDet = logDet;
        }

        /**
         * @param w symmetric weights between the non-ground vertices (overwritten)
         * @param ground each vertex's weight to ground (overwritten)
         * @return the factors, or null when a pivot is zero (the graph is disconnected)
         */
        static Factor of(double[] w, double[] ground, int r) {
            double[] a = new double[r * r];
            double logDet = 0;
            for (int c = 0; c < r; c++) {
                double d = ground[c];
                for (int j = c + 1; j < r; j++) {
                    d += w[c * r + j];
                }
                if (!(d > 0)) {
                    return null;
                }
                logDet += Math.log(d);
                a[c * r + c] = d;
                for (int j = c + 1; j < r; j++) {
                    a[c * r + j] = -w[c * r + j];
                }
                for (int i = c + 1; i < r; i++) {
                    double l = w[i * r + c] / d;
                    a[i * r + c] = -l;
                    if (l == 0) {
                        continue;
                    }
                    ground[i] += l * ground[c];
                    for (int j = c + 1; j < r; j++) {
                        if (j != i) {
                            w[i * r + j] += l * w[c * r + j];
                        }
                    }
                }
            }
            return new Factor(a, r, logDet);
        }

        /** Solves A x = b in place. */
        void solve(double[] b) {
            for (int i = 0; i < r; i++) {
                double s = b[i];
                for (int j = 0; j < i; j++) {
                    s -= a[i * r + j] * b[j];
                }
                b[i] = s;
            }
            for (int i = r - 1; i >= 0; i--) {
                double s = b[i];
                for (int j = i + 1; j < r; j++) {
                    s -= a[i * r + j] * b[j];
                }
                b[i] = s / a[i * r + i];
            }
        }
    }
}
