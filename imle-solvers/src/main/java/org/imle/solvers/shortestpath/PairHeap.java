package org.imle.solvers.shortestpath;

/**
 * A binary min-heap of (key, item) pairs in two parallel arrays, ordered by key and then by item,
 * with a fixed capacity: the heap of {@link GridShortestPathOracle}. Dijkstra improves an item by
 * pushing a new pair instead of moving the old one (lazy deletion; with at most 8 neighbours this
 * beats decrease-key bookkeeping), and skips stale pairs when they come out; the capacity is one
 * pair per directed adjacency plus the source. The order makes the pops a function of the pushes
 * alone. Nothing is allocated after construction. Not thread-safe: one per thread.
 *
 * <p>{@link #removeMin} is bottom-up (Floyd's variant): the hole at the root moves down along the
 * smaller children to a leaf, one comparison per level, and the last pair rises from there; it
 * rarely rises far, since it came from the bottom.
 */
final class PairHeap {

    private final double[] key;
    private final int[] item;
    private int size;

    /** A heap for up to {@code capacity} pairs. */
    PairHeap(int capacity) {
        key = new double[capacity];
        item = new int[capacity];
    }

    /** Removes every pair. */
    void clear() {
        size = 0;
    }

    int size() {
        return size;
    }

    boolean isEmpty() {
        return size == 0;
    }

    /** The smallest key; the heap must not be empty. */
    double minKey() {
        return key[0];
    }

    /** The item of the smallest pair (smallest key, then smallest item); the heap must not be empty. */
    int minItem() {
        return item[0];
    }

    /** Adds the pair (k, c); at most the capacity may be held at once. */
    void push(double k, int c) {
        double[] key = this.key;
        int[] item = this.item;
        int pos = size++;
        while (pos > 0) {
            int parent = (pos - 1) >>> 1;
            double pk = key[parent];
            if (pk < k || (pk == k && item[parent] < c)) {
                break;
            }
            key[pos] = pk;
            item[pos] = item[parent];
            pos = parent;
        }
        key[pos] = k;
        item[pos] = c;
    }

    /** Removes the smallest pair; the heap must not be empty. */
    void removeMin() {
        double[] key = this.key;
        int[] item = this.item;
        int last = --size;
        int pos = 0;
        int child = 1;
        while (child < last) {
            int right = child + 1;
            if (right < last) {
                double ck = key[child];
                double rk = key[right];
                if (rk < ck || (rk == ck && item[right] < item[child])) {
                    child = right;
                }
            }
            key[pos] = key[child];
            item[pos] = item[child];
            pos = child;
            child = 2 * pos + 1;
        }
        double k = key[last];
        int c = item[last];
        while (pos > 0) {
            int parent = (pos - 1) >>> 1;
            double pk = key[parent];
            if (pk < k || (pk == k && item[parent] < c)) {
                break;
            }
            key[pos] = pk;
            item[pos] = item[parent];
            pos = parent;
        }
        key[pos] = k;
        item[pos] = c;
    }
}
