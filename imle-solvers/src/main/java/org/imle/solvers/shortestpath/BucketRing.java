package org.imle.solvers.shortestpath;

import java.util.Arrays;

/**
 * A ring of buckets, each a list of (item, key) entries, for bucketed Dijkstra (Dial 1969): a
 * distance d goes to bucket {@code floor(d / width)}, and bucket b lives in slot
 * {@code b mod buckets}, so only the buckets within one ring's span of the current one may be
 * live. The caller chooses the width and the number of buckets so that they never wrap onto each
 * other; see {@link GridShortestPathOracle}. {@link #poll} returns a bucket's entries last in,
 * first out; the key is kept for callers that order a bucket's entries themselves. Entries are not
 * reused before {@link #clear}, so the capacity is the number of {@link #add}s per solve. Nothing
 * is allocated after construction. Not thread-safe: one per thread.
 */
final class BucketRing {

    private final int[] head;
    private final int[] next;
    private final int[] item;
    private final double[] key;
    private int mask;
    private int entries;
    private int size;

    /**
     * @param maxBuckets the most buckets a {@link #clear} may ask for, a power of two
     * @param capacity the most {@link #add}s between two clears
     */
    BucketRing(int maxBuckets, int capacity) {
        head = new int[maxBuckets];
        next = new int[capacity];
        item = new int[capacity];
        key = new double[capacity];
    }

    /** Empties the ring and gives it {@code buckets} slots, a power of two up to the maximum. */
    void clear(int buckets) {
        Arrays.fill(head, 0, buckets, -1);
        mask = buckets - 1;
        entries = 0;
        size = 0;
    }

    /** The number of entries added and not yet polled. */
    int size() {
        return size;
    }

    /** Whether bucket b holds no entry. */
    boolean isEmpty(int bucket) {
        return head[bucket & mask] < 0;
    }

    /** Files item c with key k into bucket b. */
    void add(int bucket, int c, double k) {
        int e = entries++;
        int slot = bucket & mask;
        item[e] = c;
        key[e] = k;
        next[e] = head[slot];
        head[slot] = e;
        size++;
    }

    /** Removes the last entry added to bucket b and returns it (for {@link #item}, {@link #key}), or -1. */
    int poll(int bucket) {
        int slot = bucket & mask;
        int e = head[slot];
        if (e >= 0) {
            head[slot] = next[e];
            size--;
        }
        return e;
    }

    /** The item of an entry {@link #poll} returned. */
    int item(int entry) {
        return item[entry];
    }

    /** The key of an entry {@link #poll} returned. */
    double key(int entry) {
        return key[entry];
    }
}
