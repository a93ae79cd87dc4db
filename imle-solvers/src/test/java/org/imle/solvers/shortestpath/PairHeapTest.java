package org.imle.solvers.shortestpath;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Comparator;
import java.util.PriorityQueue;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The grid oracle's heap pops exactly what {@link PriorityQueue} pops under the same (key, item)
 * order, on random sequences of pushes and removals with many equal keys and items.
 */
class PairHeapTest {

    private record Pair(double key, int item) {
    }

    private static final Comparator<Pair> ORDER =
            Comparator.comparingDouble(Pair::key).thenComparingInt(Pair::item);

    @Test
    void popsWhatAPriorityQueuePopsOnRandomOperationSequences() {
        SplittableRandom random = new SplittableRandom(2026);
        for (int run = 0; run < 500; run++) {
            int capacity = 1 + random.nextInt(200);
            PairHeap heap = new PairHeap(capacity);
            PriorityQueue<Pair> reference = new PriorityQueue<>(ORDER);
            boolean ties = random.nextBoolean();
            for (int op = 0; op < 2000; op++) {
                boolean push = reference.isEmpty()
                        || (reference.size() < capacity && random.nextDouble() < 0.55);
                if (push) {
                    double key = ties ? random.nextInt(5) : random.nextDouble();
                    int item = random.nextInt(ties ? 4 : 1000);
                    heap.push(key, item);
                    reference.add(new Pair(key, item));
                } else {
                    Pair expected = reference.poll();
                    assertEquals(expected.key(), heap.minKey(), "run " + run + " op " + op);
                    assertEquals(expected.item(), heap.minItem(), "run " + run + " op " + op);
                    heap.removeMin();
                }
                assertEquals(reference.size(), heap.size());
                assertEquals(reference.isEmpty(), heap.isEmpty());
                if (random.nextInt(500) == 0) {
                    heap.clear();
                    reference.clear();
                }
            }
        }
    }
}
