package org.imle.solvers.shortestpath;

/**
 * A binary min-heap of node indices keyed by an external distance array, with decrease-key:
 * the priority queue of {@link ShortestPathOracle}, on primitive arrays so that a solve allocates
 * nothing. Order is (distance, node index), which makes the pop order, and so the tie-breaking of
 * the oracle, a function of the input alone. Not thread-safe: one per thread.
 */
final class IndexedMinHeap {

    /** {@link #position} of a node never inserted since the last {@link #reset}. */
    static final int UNSEEN = -1;
    /** {@link #position} of a node already popped. */
    static final int SETTLED = -2;

    private final int[] heap;
    private final int[] position;
    private double[] key;
    private int size;

    IndexedMinHeap(int capacity) {
        heap = new int[capacity];
        position = new int[capacity];
    }

    /** Empties the heap and marks every node unseen; keys are read from {@code distances}. */
    void reset(double[] distances) {
        key = distances;
        size = 0;
        java.util.Arrays.fill(position, UNSEEN);
    }

    int position(int node) {
        return position[node];
    }

    boolean isEmpty() {
        return size == 0;
    }

    /** Inserts an unseen node whose key is already stored in the distance array. */
    void insert(int node) {
        siftUp(size++, node);
    }

    /** Restores order after the key of a node in the heap has decreased. */
    void decreased(int node) {
        siftUp(position[node], node);
    }

    /** Removes and returns the node with the smallest (distance, index), marking it settled. */
    int poll() {
        int top = heap[0];
        position[top] = SETTLED;
        int last = heap[--size];
        if (size > 0) {
            siftDown(last);
        }
        return top;
    }

    private boolean less(int a, int b) {
        double ka = key[a];
        double kb = key[b];
        return ka < kb || (ka == kb && a < b);
    }

    private void siftUp(int pos, int node) {
        while (pos > 0) {
            int parent = (pos - 1) >>> 1;
            int p = heap[parent];
            if (!less(node, p)) {
                break;
            }
            heap[pos] = p;
            position[p] = pos;
            pos = parent;
        }
        heap[pos] = node;
        position[node] = pos;
    }

    private void siftDown(int node) {
        int pos = 0;
        int half = size >>> 1;
        while (pos < half) {
            int child = 2 * pos + 1;
            int c = heap[child];
            int right = child + 1;
            if (right < size && less(heap[right], c)) {
                child = right;
                c = heap[child];
            }
            if (!less(c, node)) {
                break;
            }
            heap[pos] = c;
            position[c] = pos;
            pos = child;
        }
        heap[pos] = node;
        position[node] = pos;
    }
}
