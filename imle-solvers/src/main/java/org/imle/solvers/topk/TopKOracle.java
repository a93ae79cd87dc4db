package org.imle.solvers.topk;

import org.imle.api.Checks;
import org.imle.api.MapOracle;
import org.imle.solvers.SolveArguments;

/**
 * MAP over the k-subsets of n items: {@code z} is the k-hot vector of the k largest entries of
 * {@code theta}, that is {@code argmax <z, theta>} subject to {@code z in {0,1}^n, sum z = k}.
 *
 * <p><b>Encoding.</b> theta[i] is the score of item i; z[i] = 1 when item i is selected.
 *
 * <p><b>Ties.</b> Between equal scores the lower index wins, so the result is the first k-subset
 * in lexicographic order of indices among the maximisers (the order
 * {@link org.imle.api.exact.StructureSet#kSubsets} lists them in).
 *
 * <p><b>Complexity.</b> O(n log k) worst case and O(n + k log k log(n/k)) expected on random input:
 * one pass keeps the best k seen so far in a min-heap of size k (ordered by score, then by
 * descending index), and an entry that does not beat the heap's minimum, which is most entries
 * once the heap has settled, costs one comparison. Nothing is allocated per solve: each thread
 * keeps its own heap.
 *
 * <p>Thread-safe. Reference: the bounded-heap selection is folklore (Knuth, TAOCP vol. 3, 5.3.3).
 */
public final class TopKOracle implements MapOracle {

    private final int n;
    private final int k;
    private final ThreadLocal<int[]> heaps;

    /**
     * @param n the number of items, at least 1
     * @param k the number of items to select, in 1..n
     */
    public TopKOracle(int n, int k) {
        this.n = Checks.atLeast("n", n, 1);
        this.k = Checks.between("k", k, 1, n);
        this.heaps = ThreadLocal.withInitial(() -> new int[k]);
    }

    public int n() {
        return n;
    }

    public int k() {
        return k;
    }

    @Override
    public int dimension() {
        return n;
    }

    @Override
    public void solve(double[] theta, double[] z) {
        Checks.length("theta", theta, n);
        Checks.length("z", z, n);
        solve(theta, 0, z, 0);
    }

    @Override
    public void solve(double[] theta, int thetaOffset, double[] z, int zOffset) {
        SolveArguments.ranges(theta, thetaOffset, z, zOffset, n);
        int[] heap = heaps.get();
        // heap holds item indices; heap[0] is the worst kept item (smallest score, then largest index)
        for (int i = 0; i < k; i++) {
            double v = theta[thetaOffset + i];
            if (v - v != 0) {
                throw SolveArguments.nonFinite(i, v, "item " + i);
            }
            siftUp(theta, thetaOffset, heap, i, i);
        }
        double threshold = theta[thetaOffset + heap[0]];
        for (int i = k; i < n; i++) {
            double v = theta[thetaOffset + i];
            // a later index loses ties, so only a strictly larger score enters the heap
            if (v > threshold) {
                if (v == Double.POSITIVE_INFINITY) {
                    throw SolveArguments.nonFinite(i, v, "item " + i);
                }
                siftDown(theta, thetaOffset, heap, i);
                threshold = theta[thetaOffset + heap[0]];
            } else if (v - v != 0) {
                throw SolveArguments.nonFinite(i, v, "item " + i);
            }
        }
        java.util.Arrays.fill(z, zOffset, zOffset + n, 0.0);
        for (int j = 0; j < k; j++) {
            z[zOffset + heap[j]] = 1.0;
        }
    }

    /** True when item a is worse than item b: smaller score, or equal score and larger index. */
    private static boolean worse(double[] theta, int off, int a, int b) {
        double va = theta[off + a];
        double vb = theta[off + b];
        return va < vb || (va == vb && a > b);
    }

    private static void siftUp(double[] theta, int off, int[] heap, int pos, int item) {
        while (pos > 0) {
            int parent = (pos - 1) >>> 1;
            if (!worse(theta, off, item, heap[parent])) {
                break;
            }
            heap[pos] = heap[parent];
            pos = parent;
        }
        heap[pos] = item;
    }

    /** Replaces the root (the worst kept item) by {@code item} and restores the heap. */
    private void siftDown(double[] theta, int off, int[] heap, int item) {
        int pos = 0;
        while (true) {
            int child = 2 * pos + 1;
            if (child >= k) {
                break;
            }
            if (child + 1 < k && worse(theta, off, heap[child + 1], heap[child])) {
                child++;
            }
            if (!worse(theta, off, heap[child], item)) {
                break;
            }
            heap[pos] = heap[child];
            pos = child;
        }
        heap[pos] = item;
    }

    /** Feasible z: a 0/1 vector of length n with exactly k ones. */
    @Override
    public String infeasibility(double[] z) {
        String binary = SolveArguments.binaryVector(z, n);
        if (binary != null) {
            return binary;
        }
        int ones = 0;
        for (double v : z) {
            ones += (int) v;
        }
        return ones == k ? null : "z has " + ones + " ones, expected k = " + k;
    }

    @Override
    public String toString() {
        return "TopKOracle[n=" + n + ", k=" + k + "]";
    }
}
