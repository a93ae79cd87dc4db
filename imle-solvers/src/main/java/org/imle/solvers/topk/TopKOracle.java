package org.imle.solvers.topk;

import org.imle.api.AbstractMapOracle;
import org.imle.api.exact.KSubsetFamily;
import org.imle.api.exact.TractableFamily;
import org.imle.api.exact.TractableOracle;
import org.imle.api.check.Checks;
import org.imle.solvers.BinaryVectors;

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
 * <p><b>Complexity.</b> One pass keeps the best k items seen so far; an item that does not beat
 * the worst of them, which is most items once the pass has settled, costs one comparison. On
 * random input about {@code k ln(n/k)} items enter. For k up to {@value #SORTED_LIMIT} the kept
 * items are a sorted array (an entry shifts the worse ones down, O(k) but a single mispredicted
 * branch per entry, which is what a 3-microsecond solve is made of); above, a binary min-heap
 * (O(log k) per entry). Worst case O(nk) and O(n log k) respectively, expected
 * O(n + k^2 log(n/k)) and O(n + k log k log(n/k)). Nothing is allocated per solve: each thread
 * keeps its own buffers.
 *
 * <p>Thread-safe. Reference: the bounded-heap selection is folklore (Knuth, TAOCP vol. 3, 5.3.3).
 */
public final class TopKOracle extends AbstractMapOracle implements TractableOracle {

    /** The largest k that keeps its best items in a sorted array rather than a heap. */
    static final int SORTED_LIMIT = 32;

    private final int n;
    private final int k;
    private final ThreadLocal<int[]> heaps;
    private final ThreadLocal<SortedBest> sortedBest;

    /**
     * @param n the number of items, at least 1
     * @param k the number of items to select, in 1..n
     */
    public TopKOracle(int n, int k) {
        super(Checks.atLeast("n", n, 1));
        this.n = n;
        this.k = Checks.between("k", k, 1, n);
        this.heaps = k > SORTED_LIMIT ? ThreadLocal.withInitial(() -> new int[k]) : null;
        this.sortedBest = k <= SORTED_LIMIT ? ThreadLocal.withInitial(() -> new SortedBest(k)) : null;
    }

    public int n() {
        return n;
    }

    /** The k-subsets' exact family (dynamic programming), for the score function and mu-mu I-MLE. */
    @Override
    public TractableFamily family() {
        return KSubsetFamily.of(n, k);
    }

    public int k() {
        return k;
    }

    @Override
    protected void solveUnchecked(double[] theta, int thetaOffset, double[] z, int zOffset) {
        if (k <= SORTED_LIMIT) {
            solveSorted(theta, thetaOffset, z, zOffset);
            return;
        }
        int[] heap = heaps.get();
        // heap holds item indices; heap[0] is the worst kept item (smallest score, then largest index)
        for (int i = 0; i < k; i++) {
            siftUp(theta, thetaOffset, heap, i, i);
        }
        double threshold = theta[thetaOffset + heap[0]];
        for (int i = k; i < n; i++) {
            double v = theta[thetaOffset + i];
            // a later index loses ties, so only a strictly larger score enters the heap
            if (v > threshold) {
                siftDown(theta, thetaOffset, heap, i);
                threshold = theta[thetaOffset + heap[0]];
            }
        }
        java.util.Arrays.fill(z, zOffset, zOffset + n, 0.0);
        for (int j = 0; j < k; j++) {
            z[zOffset + heap[j]] = 1.0;
        }
    }

    private void solveSorted(double[] theta, int off, double[] z, int zOffset) {
        SortedBest best = sortedBest.get();
        double[] value = best.value;
        int[] item = best.item;
        // value[0 .. k) descending; an equal score never moves ahead of an earlier item
        for (int i = 0; i < k; i++) {
            insert(value, item, i, theta[off + i], i);
        }
        int worst = k - 1;
        double threshold = value[worst];
        for (int i = k; i < n; i++) {
            double v = theta[off + i];
            // a later index loses ties, so only a strictly larger score enters
            if (v > threshold) {
                insert(value, item, worst, v, i);
                threshold = value[worst];
            }
        }
        java.util.Arrays.fill(z, zOffset, zOffset + n, 0.0);
        for (int j = 0; j < k; j++) {
            z[zOffset + item[j]] = 1.0;
        }
    }

    /** Puts (v, i) at slot {@code hole} or above, shifting the strictly smaller values one slot down. */
    private static void insert(double[] value, int[] item, int hole, double v, int i) {
        int p = hole;
        while (p > 0 && value[p - 1] < v) {
            value[p] = value[p - 1];
            item[p] = item[p - 1];
            p--;
        }
        value[p] = v;
        item[p] = i;
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
        String binary = BinaryVectors.infeasibility(z, n);
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

    /** A thread's best k items so far, by descending score, for k <= {@value #SORTED_LIMIT}. */
    private static final class SortedBest {
        final double[] value;
        final int[] item;

        SortedBest(int k) {
            value = new double[k];
            item = new int[k];
        }
    }
}
