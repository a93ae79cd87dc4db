package org.imle.api.exact;

import org.imle.api.Checks;

/**
 * Exact log-partition and edge marginals of the distribution over spanning trees of an undirected
 * graph, {@code p(T) proportional to prod_{e in T} exp(theta_e)}, by Kirchhoff's matrix-tree
 * theorem (Kirchhoff 1847; as used for tree marginals by Koo et al., EMNLP 2007).
 *
 * <p>Encoding: coordinate e of theta and z is edge e of the list given at construction; z is the
 * 0/1 indicator of the edges in the tree. With the weighted Laplacian L and L' the Laplacian with
 * vertex 0's row and column removed, {@code A(theta) = log det L'} and the marginal of edge
 * {@code e = (u, v)} is {@code w_e * (x_u - x_v)^T L'^{-1} (x_u - x_v)}, where x_0 is the zero
 * vector (vertex 0 is grounded). Weights are taken relative to the largest theta so that no
 * exponential overflows, which shifts A by {@code (V - 1) * max theta} and leaves marginals alone.
 *
 * <p>Cost O(V^3 + E) per call: an LU factorisation with partial pivoting and V - 1 solves, in
 * double precision. Written by hand because imle-api stays free of linear-algebra dependencies;
 * the tests check it against enumeration of all spanning trees of small graphs. A disconnected
 * graph has no spanning tree and is rejected.
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
        // a zero theta still gives a singular Laplacian when the graph is disconnected
        double[] zeros = new double[from.length];
        if (factor(zeros, 0) == null) {
            throw new IllegalArgumentException("the graph with " + vertices + " vertices and "
                    + from.length + " edges is disconnected: it has no spanning tree");
        }
    }

    /** The complete graph on V vertices, edges (u, v) with u < v in lexicographic order. */
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
        Lu lu = factor(theta, offset);
        if (lu == null) {
            throw new IllegalStateException("the Laplacian is numerically singular; theta spans too wide a range");
        }
        return lu.logDet + (vertices - 1) * max(theta, offset);
    }

    @Override
    public void marginals(double[] theta, int offset, double[] mu, int muOffset) {
        check(theta, offset);
        Checks.range("mu", mu.length, muOffset, dimension());
        Lu lu = factor(theta, offset);
        if (lu == null) {
            throw new IllegalStateException("the Laplacian is numerically singular; theta spans too wide a range");
        }
        int r = vertices - 1;
        double[] inv = new double[r * r]; // column c of L'^{-1}, stored row-major as inv[i * r + c]
        double[] col = new double[r];
        for (int c = 0; c < r; c++) {
            java.util.Arrays.fill(col, 0.0);
            col[c] = 1.0;
            lu.solve(col);
            for (int i = 0; i < r; i++) {
                inv[i * r + c] = col[i];
            }
        }
        double shift = max(theta, offset);
        for (int e = 0; e < from.length; e++) {
            int u = from[e] - 1;
            int v = to[e] - 1;
            double q = (u >= 0 ? inv[u * r + u] : 0) + (v >= 0 ? inv[v * r + v] : 0)
                    - (u >= 0 && v >= 0 ? 2 * inv[u * r + v] : 0);
            mu[muOffset + e] = Math.exp(theta[offset + e] - shift) * q;
        }
    }

    /** LU of the grounded Laplacian with weights exp(theta - max), or null when singular. */
    private Lu factor(double[] theta, int offset) {
        int r = vertices - 1;
        double[] a = new double[r * r];
        double shift = max(theta, offset);
        for (int e = 0; e < from.length; e++) {
            double w = Math.exp(theta[offset + e] - shift);
            int u = from[e] - 1;
            int v = to[e] - 1;
            if (u >= 0) {
                a[u * r + u] += w;
            }
            if (v >= 0) {
                a[v * r + v] += w;
            }
            if (u >= 0 && v >= 0) {
                a[u * r + v] -= w;
                a[v * r + u] -= w;
            }
        }
        return Lu.of(a, r);
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

    /** A dense LU factorisation with partial (row) pivoting, PA = LU, of a small square matrix. */
    private static final class Lu {
        private final double[] a;
        private final int[] pivot;
        private final int r;
        private final double logDet;

        private Lu(double[] a, int[] pivot, int r, double logDet) {
            this.a = a;
            this.pivot = pivot;
            this.r = r;
            this.logDet = logDet;
        }

        /** Factors {@code a} (overwritten); null when a pivot vanishes relative to the matrix scale. */
        static Lu of(double[] a, int r) {
            double scale = 0;
            for (double x : a) {
                scale = Math.max(scale, Math.abs(x));
            }
            int[] pivot = new int[r];
            double logDet = 0;
            for (int c = 0; c < r; c++) {
                int p = c;
                for (int i = c + 1; i < r; i++) {
                    if (Math.abs(a[i * r + c]) > Math.abs(a[p * r + c])) {
                        p = i;
                    }
                }
                pivot[c] = p;
                if (!(Math.abs(a[p * r + c]) > 1e-13 * scale)) {
                    return null;
                }
                if (p != c) {
                    for (int j = 0; j < r; j++) {
                        double t = a[c * r + j];
                        a[c * r + j] = a[p * r + j];
                        a[p * r + j] = t;
                    }
                }
                double d = a[c * r + c];
                // the grounded Laplacian is positive definite, so its determinant is positive and
                // the log of the absolute pivots is the log-determinant
                logDet += Math.log(Math.abs(d));
                for (int i = c + 1; i < r; i++) {
                    double f = a[i * r + c] / d;
                    a[i * r + c] = f;
                    for (int j = c + 1; j < r; j++) {
                        a[i * r + j] -= f * a[c * r + j];
                    }
                }
            }
            return new Lu(a, pivot, r, logDet);
        }

        /** Solves A x = b in place. */
        void solve(double[] b) {
            for (int c = 0; c < r; c++) {
                int p = pivot[c];
                if (p != c) {
                    double t = b[c];
                    b[c] = b[p];
                    b[p] = t;
                }
            }
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
